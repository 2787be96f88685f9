import type { Me, Role } from '../types/api';

export function hasRole(me: Pick<Me, 'roles'> | null | undefined, ...roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}

/** trainer, manager and admin can read org units and staff. */
export const canReadStaff = (me: Me | null | undefined) => hasRole(me, 'trainer', 'manager', 'admin');
/** manager and admin edit units and people and import lists. */
export const canEditStaff = (me: Me | null | undefined) => hasRole(me, 'manager', 'admin');
export const isAdmin = (me: Me | null | undefined) => hasRole(me, 'admin');
