import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RosterMember } from '../types';
import { attendanceKeys } from './keys';

export type ResidentInput = { fullName: string; phone?: string | null; birthYear?: number | null; unitId?: string };
export type AddRosterInput = { staffIds?: string[]; residents?: ResidentInput[] };
export type AddRosterResult = {
  added: RosterMember[];
  alreadyOnRoster: number;
  /** residents matched to a person already known (by phone and name, or name and birth year) */
  matched: { index: number; residentId?: string; staffId?: string; fullName: string }[];
};

export const addRoster = ({ classId, input }: { classId: string; input: AddRosterInput }) =>
  api.post<AddRosterResult>(`/classes/${encodeURIComponent(classId)}/roster`, input);

export function useAddRoster(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddRosterInput) => addRoster({ classId, input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.class(classId) }),
  });
}
