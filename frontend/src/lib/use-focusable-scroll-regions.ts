import { useEffect } from 'react';

const SELECTOR = '.ant-table-content, .ant-table-body';

/**
 * Tables that scroll sideways on a phone must be reachable by keyboard (WCAG 2.1.1; axe
 * "scrollable-region-focusable"). antd renders the scroll container itself, so mark each one
 * focusable, and give it a name, as it appears.
 */
export function useFocusableScrollRegions(label: string) {
  useEffect(() => {
    const mark = (root: ParentNode) => {
      root.querySelectorAll<HTMLElement>(SELECTOR).forEach((el) => {
        if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
        if (!el.hasAttribute('role')) el.setAttribute('role', 'region');
        el.setAttribute('aria-label', label);
      });
    };
    mark(document);
    const observer = new MutationObserver(() => mark(document));
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
}
