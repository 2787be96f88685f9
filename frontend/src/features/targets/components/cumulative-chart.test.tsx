import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppProvider } from '../../../app/provider';
import { createTestQueryClient } from '../../../testing/test-utils';
import { CumulativeChart } from './cumulative-chart';

const points = [
  { date: '2025-01-31', population: 100, trained: 10, share: 10 },
  { date: '2025-02-28', population: 100, trained: 30, share: 30 },
  { date: '2025-03-20', population: 102, trained: 51, share: 50 },
];
const projection = [
  { date: '2025-04-30', population: 102, trained: 71, share: 69.6 },
  { date: '2025-05-31', population: 102, trained: 91, share: 89.2 },
];
const milestones = [{ date: '2025-06-30', share: 80, label: 'Báo cáo 6 tháng' }];

function renderChart(props: Partial<React.ComponentProps<typeof CumulativeChart>> = {}) {
  return render(
    <AppProvider queryClient={createTestQueryClient()} initialLang="vi">
      <CumulativeChart
        title="Tiến độ lũy kế: NQ57"
        points={points}
        projection={projection}
        milestones={milestones}
        targetShare={100}
        deadline="2025-12-31"
        {...props}
      />
    </AppProvider>,
  );
}

const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('CumulativeChart', () => {
  it('draws one point a month, the dashed projection from the last point, the target line and the milestones', () => {
    const { container } = renderChart();
    const svg = screen.getByRole('img', { name: 'Tiến độ lũy kế: NQ57' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg).toHaveAccessibleDescription(/tăng từ 10% lên 50% \(51\/102 người\).*dự báo đạt 89,2% vào 31\/05\/2025.*Chỉ tiêu 100% trước ngày 31\/12\/2025.*Báo cáo 6 tháng/);

    const circles = container.querySelectorAll('[data-series="actual"] circle');
    expect(circles).toHaveLength(3);
    // later months to the right, higher shares higher up (smaller y)
    const xs = [...circles].map((c) => num(c, 'cx'));
    const ys = [...circles].map((c) => num(c, 'cy'));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(ys[0]).toBeGreaterThan(ys[1]);
    expect(ys[1]).toBeGreaterThan(ys[2]);

    const proj = container.querySelector('[data-series="projection"] path') as SVGPathElement;
    expect(proj.getAttribute('stroke-dasharray')).toBe('6 5');
    // the projection starts where the actual line ends
    const [mx, my] = (proj.getAttribute('d') as string).slice(1).split(' ')[0].split(',').map(Number);
    expect(mx).toBeCloseTo(xs[2], 0);
    expect(my).toBeCloseTo(ys[2], 0);
    expect((proj.getAttribute('d') as string).match(/L/g)).toHaveLength(projection.length);

    const target = container.querySelector('[data-series="target"] line') as SVGLineElement;
    expect(target.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(num(target, 'y1')).toBeLessThan(ys[2]); // 100 % is above 50 %
    expect(within(svg as unknown as HTMLElement).getByText('Chỉ tiêu 100%')).toBeInTheDocument();
    expect(within(svg as unknown as HTMLElement).getByText('Hạn 31/12/2025')).toBeInTheDocument();
    expect(container.querySelectorAll('[data-series="milestones"] > g')).toHaveLength(1);
    // axes: shares and months
    expect(within(svg as unknown as HTMLElement).getByText('100%')).toBeInTheDocument();
    expect(within(svg as unknown as HTMLElement).getByText('Tỷ lệ đã bồi dưỡng (%)')).toBeInTheDocument();
    expect(within(svg as unknown as HTMLElement).getByText('Tháng')).toBeInTheDocument();
  });

  it('gives screen readers the same figures as a table, which sighted users can show', () => {
    renderChart();
    const table = screen.getByRole('table', { name: 'Số liệu của biểu đồ: Tiến độ lũy kế: NQ57' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + points.length + projection.length + milestones.length);
    expect(within(rows[0]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Thời điểm', 'Số đối tượng', 'Đã bồi dưỡng', 'Tỷ lệ', 'Loại']);
    expect(within(rows[3]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['102', '51', '50%', 'Thực tế']);
    expect(within(rows[3]).getByRole('rowheader')).toHaveTextContent('20/03/2025');
    expect(within(rows[5]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['102', '91', '89,2%', 'Dự báo']);
    expect(within(rows[6]).getByRole('rowheader')).toHaveTextContent('30/06/2025');
    expect(rows[6]).toHaveTextContent('Mốc: Báo cáo 6 tháng');

    const toggle = screen.getByRole('button', { name: 'Xem bảng số liệu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Ẩn bảng số liệu' })).toHaveAttribute('aria-expanded', 'true');
    // shown in a scroll region a keyboard can reach on a phone
    expect(screen.getByRole('region', { name: 'Số liệu của biểu đồ: Tiến độ lũy kế: NQ57' })).toHaveAttribute('tabindex', '0');
  });

  it('draws no projection when there is none (no pace, or the target is reached)', () => {
    const { container } = renderChart({ projection: [] });
    expect(container.querySelector('[data-series="projection"]')).toBeNull();
    expect(screen.getByRole('img', { name: 'Tiến độ lũy kế: NQ57' })).toHaveAccessibleDescription(/Chưa có dự báo/);
    expect(screen.getAllByRole('row')).toHaveLength(1 + points.length + milestones.length);
  });
});
