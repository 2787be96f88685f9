import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Popconfirm, Skeleton, Statistic, Tag } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
  PlusOutlined,
  SaveOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { isApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { QueryError } from '../../../components/ui/query-error';
import { TAG } from '../../courses/components/tag-colors';
import type { Quiz, Slot, SlotInput, QuestionType } from '../types';
import { useSaveSlots, useSlots } from '../api/slots';
import { QuestionPickerModal, RandomSlotModal, type PickedQuestion, type RandomSlotValues } from './bank-pickers';
import { formatMark } from './quiz-labels';

type DraftSlot =
  | { key: string; kind: 'fixed'; questionId: string; mark: number | null; title: string; type: QuestionType; version: number }
  | {
      key: string;
      kind: 'random';
      categoryId: string;
      categoryName?: string;
      includeSubcategories: boolean;
      tag: string | null;
      count: number;
      mark: number | null;
      /** questions that match now (from the server; unknown for a slot added here) */
      available?: number;
    };

let keySeq = 0;
const newKey = () => `slot-${++keySeq}`;

function toDraft(slots: Slot[]): DraftSlot[] {
  return [...slots]
    .sort((a, b) => a.position - b.position)
    .map((s) =>
      s.kind === 'fixed'
        ? { key: s.id, kind: 'fixed', questionId: s.questionId, mark: s.mark, title: s.question.title, type: s.question.type, version: s.question.version }
        : {
            key: s.id,
            kind: 'random',
            categoryId: s.categoryId,
            categoryName: s.categoryName,
            includeSubcategories: s.includeSubcategories,
            tag: s.tag,
            count: s.count,
            mark: s.mark,
            available: s.available,
          },
    );
}

export function toSlotInputs(draft: DraftSlot[]): SlotInput[] {
  return draft.map((s) =>
    s.kind === 'fixed'
      ? { kind: 'fixed', questionId: s.questionId, mark: s.mark ?? 0 }
      : { kind: 'random', categoryId: s.categoryId, includeSubcategories: s.includeSubcategories, tag: s.tag, count: s.count, mark: s.mark ?? 0 },
  );
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x);
  return next;
}

/** Errors of a 400 naming slots ("slots.2.count", "slots[2]") mapped to the row index. */
export function slotErrors(fields: Record<string, string>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [name, msg] of Object.entries(fields)) {
    const m = /^slots(?:\.|\[)(\d+)/.exec(name);
    if (m) out.set(Number(m[1]), out.has(Number(m[1])) ? `${out.get(Number(m[1]))}; ${msg}` : msg);
  }
  return out;
}

const validMark = (m: number | null) => m !== null && m > 0 && m <= 1000 && Math.round(m * 100) === m * 100;
/** A description carries no mark. */
const slotMarkOk = (s: DraftSlot) => (s.kind === 'fixed' && s.type === 'description' ? s.mark === 0 || validMark(s.mark) : validMark(s.mark));

function SlotsList({ quiz, initial }: { quiz: Quiz; initial: Slot[] }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveSlots();
  const [draft, setDraft] = useState<DraftSlot[]>(() => toDraft(initial));
  const [dirty, setDirty] = useState(false);
  const [picker, setPicker] = useState<'fixed' | 'random' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Map<number, string>>(new Map());
  const [announce, setAnnounce] = useState('');
  const drag = useRef<number | null>(null);
  const handles = useRef(new Map<string, HTMLElement | null>());

  const change = (next: DraftSlot[]) => {
    setDraft(next);
    setDirty(true);
    setRowErrors(new Map());
  };

  const describe = (s: DraftSlot) =>
    s.kind === 'fixed'
      ? s.title
      : t('qslots.randomSummary', { n: s.count, category: s.categoryName ?? t('qslots.category') }) +
        (s.tag ? ` · ${t('qslots.withTag', { tag: s.tag })}` : '') +
        (s.includeSubcategories ? ` · ${t('qslots.withSub')}` : '');

  const moveTo = (from: number, to: number, focus = false) => {
    if (to < 0 || to >= draft.length || from === to) return;
    const item = draft[from];
    change(move(draft, from, to));
    setAnnounce(t('qslots.moved', { title: describe(item), n: to + 1 }));
    if (focus) requestAnimationFrame(() => handles.current.get(item.key)?.focus());
  };

  const existing = useMemo(() => new Set(draft.flatMap((s) => (s.kind === 'fixed' ? [s.questionId] : []))), [draft]);
  const questionCount = draft.reduce((n, s) => n + (s.kind === 'fixed' ? 1 : s.count), 0);
  const totalMarks = draft.reduce((n, s) => n + (s.mark ?? 0) * (s.kind === 'fixed' ? 1 : s.count), 0);
  const invalid = draft.some((s) => !slotMarkOk(s));

  const addFixed = (questions: PickedQuestion[]) => {
    change([
      ...draft,
      ...questions.map<DraftSlot>((q) => ({
        key: newKey(),
        kind: 'fixed',
        questionId: q.id,
        mark: q.type === 'description' ? 0 : Number(q.defaultMark) || 1,
        title: q.title,
        type: q.type,
        version: q.version,
      })),
    ]);
    setAnnounce(t('qslots.added', { n: questions.length }));
  };
  const addRandom = (v: RandomSlotValues) => {
    change([
      ...draft,
      { key: newKey(), kind: 'random', categoryId: v.categoryId!, categoryName: v.categoryName, includeSubcategories: v.includeSubcategories, tag: v.tag, count: v.count, mark: v.mark },
    ]);
    setAnnounce(t('qslots.added', { n: v.count }));
  };

  const onSave = () => {
    if (invalid) {
      setError(t('qslots.v.mark'));
      return;
    }
    setError(null);
    save.mutate(
      { quizId: quiz.id, slots: toSlotInputs(draft) },
      {
        onSuccess: (data) => {
          setDraft(toDraft(data.slots));
          setDirty(false);
          message.success(t('qslots.saved'));
        },
        onError: (err) => {
          setError(err.message);
          if (isApiError(err)) setRowErrors(slotErrors(err.fields));
        },
      },
    );
  };

  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={save.isPending} disabled={!dirty}>
          {t('qslots.save')}
        </Button>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setPicker('fixed')}>
          {t('qslots.addFixed')}
        </Button>
        <Button icon={<ThunderboltOutlined aria-hidden />} onClick={() => setPicker('random')}>
          {t('qslots.addRandom')}
        </Button>
        {dirty && <Tag color={TAG.orange}>{t('qslots.unsaved')}</Tag>}
      </Flex>
      <Flex wrap gap={32} style={{ marginBottom: 16 }}>
        <Statistic title={t('qslots.questionCount')} value={formatNumber(questionCount)} />
        <Statistic title={t('qslots.totalMarks')} value={formatMark(totalMarks)} />
      </Flex>
      <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {announce}
      </div>
      {quiz.attemptCount > 0 && <Alert type="warning" showIcon title={t('qslots.hasAttempts', { n: quiz.attemptCount })} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <p id="slots-keyboard-help" style={{ color: '#434343', fontSize: 13 }}>
        {t('qslots.keyboardHelp')}
      </p>
      {draft.length === 0 ? (
        <Empty description={t('qslots.empty')} />
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('qslots.listLabel')}>
          {draft.map((s, i) => {
            const name = describe(s);
            const rowError = rowErrors.get(i);
            return (
              <li
                key={s.key}
                draggable
                onDragStart={() => (drag.current = i)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  if (drag.current !== null) moveTo(drag.current, i);
                  drag.current = null;
                }}
                style={{
                  border: `1px solid ${rowError ? '#cf1322' : '#f0f0f0'}`,
                  borderRadius: 6,
                  padding: 8,
                  marginBottom: 8,
                  background: '#fff',
                }}
              >
                <Flex gap={8} align="center" wrap>
                  <Button
                    type="text"
                    size="small"
                    icon={<HolderOutlined aria-hidden />}
                    ref={(el) => {
                      handles.current.set(s.key, el);
                    }}
                    aria-label={t('qslots.handle', { n: i + 1, title: name })}
                    aria-describedby="slots-keyboard-help"
                    style={{ cursor: 'grab' }}
                    onKeyDown={(e) => {
                      if (e.key === 'ArrowUp') {
                        e.preventDefault();
                        moveTo(i, i - 1, true);
                      } else if (e.key === 'ArrowDown') {
                        e.preventDefault();
                        moveTo(i, i + 1, true);
                      }
                    }}
                  />
                  <span style={{ minWidth: 28, fontWeight: 600 }}>{i + 1}.</span>
                  <span style={{ flex: '1 1 200px', minWidth: 0, overflowWrap: 'anywhere' }}>
                    {s.kind === 'fixed' ? (
                      <>
                        {s.title} <Tag>{t(`quizzes.qtype.${s.type}`)}</Tag>
                        <Tag>{t('qslots.version', { n: s.version })}</Tag>
                      </>
                    ) : (
                      <>
                        <Tag color={TAG.purple}>{t('qslots.random')}</Tag>
                        {name}
                        {s.available !== undefined && (
                          <span style={{ color: s.available < s.count ? '#a8071a' : '#434343', fontSize: 13 }}>
                            {' '}
                            · {t('qslots.availableNow', { n: formatNumber(s.available) })}
                          </span>
                        )}
                      </>
                    )}
                  </span>
                  <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                    <span style={{ fontSize: 13 }}>{s.kind === 'fixed' ? t('qslots.mark') : t('qslots.markEach')}</span>
                    <InputNumber
                      size="small"
                      min={0}
                      max={1000}
                      step={0.5}
                      value={s.mark}
                      status={slotMarkOk(s) ? undefined : 'error'}
                      aria-label={t('qslots.markOf', { n: i + 1 })}
                      onChange={(v) => change(draft.map((d, k) => (k === i ? { ...d, mark: v ?? null } : d)))}
                      style={{ width: 90 }}
                    />
                  </label>
                  <Flex gap={4}>
                    <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('qslots.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => moveTo(i, i - 1)} />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden />}
                      aria-label={t('qslots.moveDown', { n: i + 1 })}
                      disabled={i === draft.length - 1}
                      onClick={() => moveTo(i, i + 1)}
                    />
                    <Popconfirm
                      title={t('qslots.removeConfirm')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => {
                        change(draft.filter((_, k) => k !== i));
                        setAnnounce(t('qslots.removed', { title: name }));
                      }}
                    >
                      <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('qslots.remove', { n: i + 1 })} />
                    </Popconfirm>
                  </Flex>
                </Flex>
                {rowError && (
                  <div role="alert" style={{ color: '#cf1322', marginTop: 4 }}>
                    {rowError}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {picker === 'fixed' && <QuestionPickerModal existing={existing} onAdd={addFixed} onClose={() => setPicker(null)} />}
      {picker === 'random' && <RandomSlotModal onAdd={addRandom} onClose={() => setPicker(null)} />}
    </>
  );
}

export function SlotsEditor({ quiz }: { quiz: Quiz }) {
  const slots = useSlots(quiz.id);
  if (slots.isError) return <QueryError error={slots.error} onRetry={() => slots.refetch()} />;
  if (!slots.data) return <Skeleton active />;
  return (
    <Card>
      <SlotsList key={slots.data.slots.map((s) => s.id).join(',')} quiz={quiz} initial={slots.data.slots} />
    </Card>
  );
}
