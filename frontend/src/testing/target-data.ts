import type { Target, TargetSummary, TargetTrend } from '../features/targets/types';
import type { Report } from '../features/reports/types';

export function makeTarget(overrides: Partial<Target> = {}): Target {
  return {
    id: 't-1',
    code: 'CDS-2030',
    name: '100% nhân lực chuyên trách, kiêm nhiệm chuyển đổi số được bồi dưỡng chuyên sâu',
    policyRef: '57-NQ/TW',
    description: '',
    unitId: 'unit-ward',
    unitName: 'Phường Đăk Bla',
    categories: [],
    dtRoles: ['dedicated', 'concurrent'],
    courseIds: ['c-1'],
    courseMode: 'any',
    courseTags: ['digital_communication'],
    externalSources: [],
    classIds: [],
    validityYears: null,
    targetShare: 100,
    startDate: '2025-01-01',
    deadline: '2026-12-31',
    milestones: [{ date: '2026-06-30', share: 50, label: 'Giữa kỳ' }],
    active: true,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<TargetSummary> = {}): TargetSummary {
  return {
    targetId: 't-1',
    asOf: '2026-11-20',
    targetShare: 100,
    deadline: '2026-12-31',
    population: 120,
    trained: 85,
    share: 70.8,
    onLeave: 3,
    onLeaveTrained: 1,
    toTrain: 35,
    status: 'at_risk',
    projection: { pacePerMonth: 6.3, neededPerMonth: 30.2, projectedDate: '2027-04-15', monthsLeft: 1.4 },
    ...overrides,
  };
}

export function makeTrend(): TargetTrend {
  return {
    points: [
      { date: '2026-09-30', population: 118, trained: 66, share: 55.9 },
      { date: '2026-10-31', population: 120, trained: 78, share: 65 },
      { date: '2026-11-20', population: 120, trained: 85, share: 70.8 },
    ],
    projection: [{ date: '2026-12-31', population: 120, trained: 91, share: 75.8 }],
    milestones: [{ date: '2026-06-30', share: 50, label: 'Giữa kỳ' }],
  };
}

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'r-1',
    unitId: 'unit-ward',
    unitName: 'Phường Đăk Bla',
    title: 'Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW',
    periodLabel: '6 tháng đầu năm 2026',
    periodStart: '2025-12-16',
    cutOff: '2026-06-15',
    docNumber: '',
    status: 'draft',
    version: 1,
    supersedesId: null,
    supersededById: null,
    submittedAt: null,
    updatedAt: '2026-06-10T08:00:00Z',
    place: 'Đăk Bla',
    reportDate: null,
    recipients: ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', 'Lưu: VT, VHXH'],
    signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
    signerName: 'Trần Văn Bình',
    narrative: { results: 'Đã tổ chức 3 hội nghị quán triệt.' },
    includePolice: false,
    estimated: false,
    figures: {
      cutOff: '2026-06-15',
      bieu01: {
        rows: [
          { key: 'party', roman: 'I', label: 'Khối Đảng', total: 11, leaders: 7, briefed: 11, briefedShare: 100, bdhvsJoined: 11, bdhvsConfirmed: 10, bdhvsShare: 90.9, note: '' },
        ],
        total: { key: 'total', roman: '', label: 'Tổng cộng', total: 11, leaders: 7, briefed: 11, briefedShare: 100, bdhvsJoined: 11, bdhvsConfirmed: 10, bdhvsShare: 90.9, note: '' },
        police: null,
      },
      bieu02: {
        rows: [
          {
            fullName: 'Huỳnh Ngọc Cường', birthYearMale: 1991, birthYearFemale: null, position: 'Chuyên viên', unitName: 'Văn phòng HĐND và UBND',
            role: 'Chuyên trách', content: 'Truyền thông số', time: '14/05/2025', organiser: 'Sở KH&CN', result: 'Hoàn thành', certificateNo: '25/GCN-SKHCN', note: null,
          },
        ],
        total: 1,
        trained: 1,
        share: 100,
      },
      bieu03: {
        rows: [{ unitName: 'Tổ dân phố 1', teams: 1, members: 3, membersTrained: 3, classes: 2, attendances: 64, participants: 40, residentsConfirmed: 41 }],
        total: { unitName: 'Tổng cộng (1 TDP)', teams: 1, members: 3, membersTrained: 3, classes: 2, attendances: 64, participants: 40, residentsConfirmed: 41 },
      },
      computedAt: '2026-06-10T08:00:00Z',
    },
    ...overrides,
  };
}
