import { useId, useState } from 'react';
import { Button, Checkbox, Radio, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { formatDate } from '../../../lib/format';
import { useDownload } from '../../../lib/use-download';
import { DownloadStatus } from '../../../components/ui/download-status';
import type { Target } from '../types';
import { targetPeopleExportUrl, type PeopleList } from '../api/export-urls';
import { todayIso } from './as-of-picker';

/**
 * Lists for HR: the untrained, the trained or the whole population of the selected unit as of the chosen
 * day, XLSX or CSV, optionally grouped by unit; streamed with the progress shown.
 */
export function TargetExports({ target, asOf, unitId, unitName }: { target: Target; asOf: string | undefined; unitId: string | undefined; unitName: string }) {
  const t = useT();
  const id = useId();
  const [list, setList] = useState<PeopleList>('untrained');
  const [groupByUnit, setGroupByUnit] = useState(false);
  const download = useDownload();
  const start = (format: 'xlsx' | 'csv') => {
    const label = t('exports.label', { list: t(`exports.list.${list}`), format: format.toUpperCase() });
    void download.start(
      targetPeopleExportUrl(target.id, format, { list, unitId, asOf, groupByUnit }),
      `${target.code}-${list}.${format}`,
      label,
    );
  };
  return (
    <div>
      <p style={{ marginTop: 0, color: '#434343' }}>
        {t('exports.intro', { unit: unitName, date: formatDate(asOf ?? todayIso()) })}
      </p>
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
        <legend id={`${id}-legend`} style={{ fontWeight: 500, fontSize: 14, marginBottom: 4 }}>
          {t('exports.which')}
        </legend>
        <Radio.Group value={list} onChange={(e) => setList(e.target.value as PeopleList)} aria-labelledby={`${id}-legend`}>
          <Space wrap>
            <Radio value="untrained">{t('exports.list.untrained')}</Radio>
            <Radio value="trained">{t('exports.list.trained')}</Radio>
            <Radio value="all">{t('exports.list.all')}</Radio>
          </Space>
        </Radio.Group>
      </fieldset>
      <Checkbox checked={groupByUnit} onChange={(e) => setGroupByUnit(e.target.checked)}>
        {t('exports.groupByUnit')}
      </Checkbox>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 12 }}>
        <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => start('xlsx')} disabled={download.running}>
          {t('exports.xlsx')}
        </Button>
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => start('csv')} disabled={download.running}>
          {t('exports.csv')}
        </Button>
      </div>
      <DownloadStatus state={download.state} onCancel={download.cancel} onDismiss={download.reset} />
    </div>
  );
}
