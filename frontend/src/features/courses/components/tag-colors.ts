/** Dark tag colours: antd renders a custom hex as a solid tag with white text (contrast ≥ 7:1, unlike the light presets). */
export const TAG = {
  red: '#a8071a',
  orange: '#873800',
  gold: '#613400',
  green: '#135200',
  blue: '#003eb3',
  purple: '#391085',
} as const;
