import { useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { EXPORT_FORMATS, type ExportFormat } from '../types';
import { useExportBank } from '../api/export-bank';

const LABEL: Record<ExportFormat, string> = { gift: 'GIFT', moodlexml: 'Moodle XML', xlsx: 'Excel' };

/** Download the questions of a category (or of the whole bank) as GIFT, Moodle XML or Excel. */
export function ExportButtons({ bankId, categoryId, categoryName }: { bankId: string; categoryId?: string; categoryName?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const exporter = useExportBank();
  const [running, setRunning] = useState<ExportFormat | null>(null);
  const label = categoryName ? t('qb.export.category', { name: categoryName }) : t('qb.export.bank');
  const run = (format: ExportFormat) => {
    setRunning(format);
    exporter.mutate(
      { bankId, format, categoryId },
      {
        onSuccess: ({ skipped }) => {
          if (skipped > 0) message.warning(t('qb.export.skipped', { n: skipped, format: LABEL[format] }));
        },
        onError: (err) => message.error(`${t('qb.export.failed')}: ${err.message}`),
        onSettled: () => setRunning(null),
      },
    );
  };
  return (
    <Flex gap={8} wrap align="center" role="group" aria-label={label}>
      <Typography.Text>{label}</Typography.Text>
      {EXPORT_FORMATS.map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          loading={running === format}
          disabled={running !== null && running !== format}
          onClick={() => run(format)}
          aria-label={`${label} ${LABEL[format]}`}
        >
          {LABEL[format]}
        </Button>
      ))}
    </Flex>
  );
}
