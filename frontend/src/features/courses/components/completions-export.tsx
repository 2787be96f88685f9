import { useState } from 'react';
import { Button, Checkbox, Flex, Typography } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { buildUrl } from '../../../lib/api-client';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import type { Course } from '../types';

/** GET /api/exports/completions.xlsx|csv?courseId= */
export const completionsExportUrl = (courseId: string, format: 'xlsx' | 'csv', groupByUnit: boolean) =>
  buildUrl(`/exports/completions.${format}`, { courseId, groupByUnit: groupByUnit || undefined });

/** "Danh sách hoàn thành" of a course for HR (XLSX / CSV, streamed with progress, audited). */
export function CompletionsExport({ course }: { course: Course }) {
  const t = useT();
  const [groupByUnit, setGroupByUnit] = useState(false);
  const download = useDownload();
  const start = (format: 'xlsx' | 'csv') =>
    void download.start(
      completionsExportUrl(course.id, format, groupByUnit),
      `hoan-thanh-${course.code}.${format}`,
      t('completionsExport.label', { format: format.toUpperCase() }),
    );
  return (
    <section aria-labelledby={`completions-export-${course.id}`} style={{ marginBottom: 16 }}>
      <Typography.Title level={2} id={`completions-export-${course.id}`} style={{ fontSize: 16 }}>
        {t('completionsExport.title')}
      </Typography.Title>
      <Flex gap={8} wrap align="center">
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => start('xlsx')} disabled={download.running}>
          {t('completionsExport.xlsx')}
        </Button>
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => start('csv')} disabled={download.running}>
          {t('completionsExport.csv')}
        </Button>
        <Checkbox checked={groupByUnit} onChange={(e) => setGroupByUnit(e.target.checked)}>
          {t('exports.groupByUnit')}
        </Checkbox>
      </Flex>
      <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.reset} />
    </section>
  );
}
