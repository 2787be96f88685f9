import type { Me, OrgUnit, Role, Staff } from '../types/api';

export function makeMe(roles: Role[], overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-1',
    username: 'tester',
    email: 'tester@dakbla.gov.vn',
    displayName: 'Nguyễn Thị Mỹ Hạnh',
    roles,
    scopeUnitId: 'unit-ward',
    scopeUnitName: 'Phường Đăk Bla',
    staffId: null,
    mustChangePassword: false,
    ...overrides,
  };
}

export const units: OrgUnit[] = [
  {
    id: 'unit-ward',
    code: 'P-DAKBLA',
    name: 'Phường Đăk Bla',
    type: 'ward',
    parentId: null,
    aliases: ['Đắk Bla'],
    validFrom: '2025-07-01',
    validTo: null,
    external: false,
    listedInPlan: true,
    activeStaffCount: 12,
  },
  {
    id: 'unit-vh',
    code: 'PVHXH',
    name: 'Phòng Văn hóa - Xã hội',
    type: 'specialized_office',
    parentId: 'unit-ward',
    aliases: [],
    validFrom: '2025-07-01',
    validTo: null,
    external: false,
    listedInPlan: true,
    activeStaffCount: 5,
  },
];

export function makeStaff(overrides: Partial<Staff> = {}): Staff {
  return {
    id: 's-1',
    staffCode: 'CB001',
    familyName: 'Nguyễn',
    middleName: 'Văn',
    givenName: 'An',
    fullName: 'Nguyễn Văn An',
    gender: 'male',
    birthYear: 1985,
    email: 'annv@dakbla.gov.vn',
    phone: '0905123456',
    unitId: 'unit-vh',
    unitName: 'Phòng Văn hóa - Xã hội',
    position: 'Chuyên viên',
    category: 'civil_servant',
    dtRole: 'concurrent',
    isLeadership: false,
    communityDigitalTeamId: null,
    status: 'active',
    leaveKind: null,
    statusSince: '2025-07-01',
    note: null,
    hasAccount: false,
    createdAt: '2025-07-01T00:00:00Z',
    updatedAt: '2025-07-02T03:04:05Z',
    ...overrides,
  };
}
