import type { ReactNode } from 'react';

/** Props the routes' unit pickers take (same shape as the staff list's unit filter). */
export type UnitPickerProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  'aria-label'?: string;
  placeholder?: string;
  allowClear?: boolean;
};
export type UnitsPickerProps = {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  'aria-label'?: string;
};
export type RenderUnitSelect = (props: UnitPickerProps) => ReactNode;
export type RenderUnitsSelect = (props: UnitsPickerProps) => ReactNode;
