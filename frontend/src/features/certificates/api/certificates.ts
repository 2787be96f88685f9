import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';

export type CertificateState = 'valid' | 'revoked' | 'expired';
export type Certificate = {
  id: string; code: string; registerNo: string; staffId: string; fullName: string; courseId: string; courseTitle: string;
  hours: number; completedOn: string; expiresOn: string | null; state: CertificateState; kind: 'auto' | 'manual' | 'reissue';
  revokeReason: string | null; revokedAt: string | null; replacesId: string | null; replacedById: string | null; issuedAt: string;
  verifyUrl: string;
};
export type Verification = {
  state: CertificateState; fullName: string; courseTitle: string; completedOn: string; expiresOn: string | null; registerNo: string; issuerName: string;
};
export type CertificateSettings = { issuerName: string; signerTitle: string; signerName: string; place: string };
export type CertificateFilters = { courseId?: string; state?: CertificateState; q?: string; page: number; pageSize: number };

export const certificateKeys = {
  all: ['certificates'] as const,
  list: (f: CertificateFilters) => [...certificateKeys.all, 'list', f] as const,
  mine: () => [...certificateKeys.all, 'mine'] as const,
  settings: () => [...certificateKeys.all, 'settings'] as const,
  verify: (code: string) => ['verify', code] as const,
};

export const certificatesQuery = (f: CertificateFilters) =>
  queryOptions({
    queryKey: certificateKeys.list(f),
    queryFn: ({ signal }) => api.get<Page<Certificate>>('/certificates', { params: f, signal }),
    placeholderData: keepPreviousData,
  });
export const useCertificates = (f: CertificateFilters) => useQuery(certificatesQuery(f));

export const useMyCertificates = () =>
  useQuery({ queryKey: certificateKeys.mine(), queryFn: ({ signal }) => api.get<{ items: Certificate[] }>('/me/certificates', { signal }) });

export const useVerification = (code: string) =>
  useQuery({
    queryKey: certificateKeys.verify(code),
    queryFn: ({ signal }) => api.get<Verification>(`/verify/${encodeURIComponent(code)}`, { signal, skipAuthRedirect: true }),
    enabled: code.length > 0,
    retry: false,
  });

export const useCertificateSettings = (enabled: boolean) =>
  useQuery({ queryKey: certificateKeys.settings(), queryFn: ({ signal }) => api.get<CertificateSettings>('/certificate-settings', { signal }), enabled });

export function useSaveCertificateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: CertificateSettings) => api.put<CertificateSettings>('/certificate-settings', s),
    onSuccess: (data) => qc.setQueryData(certificateKeys.settings(), data),
  });
}

export function useCertificateAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'revoke' | 'reissue'; reason: string }) =>
      api.post<Certificate>(`/certificates/${id}/${action}`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: certificateKeys.all }),
  });
}
