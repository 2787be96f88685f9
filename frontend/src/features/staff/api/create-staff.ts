import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { DtRole, Gender, LeaveKind, Staff, StaffCategory, StaffStatus } from '../../../types/api';
import { staffKeys } from './keys';

export type StaffInput = {
  staffCode?: string | null;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName?: string;
  gender: Gender | null;
  birthYear: number | null;
  email: string | null;
  phone: string | null;
  unitId: string;
  position: string | null;
  category: StaffCategory;
  dtRole: DtRole;
  isLeadership: boolean;
  status: StaffStatus;
  leaveKind: LeaveKind | null;
  statusSince?: string;
  note: string | null;
};

export const createStaff = (input: StaffInput) => api.post<Staff>('/staff', input);

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaff,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
