/**
 * jsdom resolves getComputedStyle against every CSS-in-JS rule antd has injected, which costs seconds per call on
 * a large form (and rc-trigger calls it for every ancestor when a Select opens). Suites that drive big antd forms
 * call this to answer from inline styles only, with lengths defaulting to "0px" (TextArea autoSize measures
 * paddings and borders): enough for antd's layout-free code paths in jsdom.
 */
const LENGTH = /^(padding|margin|border-.*width|width|height|min-|max-|line-height|font-size|letter-spacing)/;

function inlineStyle(elt: Element): CSSStyleDeclaration {
  const style = (elt as HTMLElement).style ?? document.createElement('div').style;
  return new Proxy(style, {
    get(target, prop) {
      if (prop === 'getPropertyValue') {
        return (name: string) => target.getPropertyValue(name) || (LENGTH.test(name) ? '0px' : '');
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function useFastComputedStyle() {
  const real = window.getComputedStyle;
  beforeAll(() => {
    window.getComputedStyle = ((elt: Element) => inlineStyle(elt)) as typeof window.getComputedStyle;
  });
  afterAll(() => {
    window.getComputedStyle = real;
  });
}
