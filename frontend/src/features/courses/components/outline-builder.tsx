import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  EyeOutlined,
  HolderOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { QuizPicker } from '../../quizzes/components/quiz-picker';
import { isApiError } from '../../../lib/api-client';
import {
  ITEM_TYPES,
  LESSON_RULES,
  type Attachment,
  type Course,
  type CourseItem,
  type ItemType,
  type LessonRule,
  type Outline,
  type OutlineInput,
  type OutlineItemInput,
  type Player,
} from '../types';
import { useSaveOutline } from '../api/save-outline';
import { CoursePlayer } from '../../learning/components/course-player';
import { TAG } from './tag-colors';
import { ItemAttachments } from './item-attachments';

type DraftItem = OutlineItemInput & { key: string; attachments?: Attachment[] };
type DraftSection = { key: string; id?: string; title: string; items: DraftItem[] };

let keySeq = 0;
const newKey = () => `new-${++keySeq}`;

function toDraft(outline: Outline): DraftSection[] {
  return outline.sections.map((s) => ({
    key: s.id ?? newKey(),
    id: s.id,
    title: s.title,
    items: s.items.map((i) => ({ ...i, key: i.id ?? newKey() })),
  }));
}

function itemInput(item: DraftItem): OutlineItemInput {
  const base: OutlineItemInput = { type: item.type, title: item.title.trim(), required: item.required, isFinal: item.isFinal };
  if (item.id) base.id = item.id;
  if (item.type === 'lesson') {
    base.bodyHtml = item.bodyHtml ?? '';
    base.videoUrl = item.videoUrl?.trim() || null;
    base.completionRule = item.completionRule ?? 'confirm';
    base.videoShare = base.completionRule === 'video_share' ? (item.videoShare ?? 80) : null;
  } else if (item.type === 'quiz') {
    base.minScore = item.minScore ?? null;
    if (item.quizId !== undefined) base.quizId = item.quizId;
  } else {
    base.minShare = item.minShare ?? null;
  }
  return base;
}

export function toOutlineInput(sections: DraftSection[]): OutlineInput {
  return {
    sections: sections.map((s) => ({ ...(s.id ? { id: s.id } : {}), title: s.title.trim(), items: s.items.map(itemInput) })),
  };
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x);
  return next;
}

function ItemEditor({
  item,
  onChange,
  courseId,
  readOnly,
  onAttachmentAdded,
  onAttachmentRemoved,
}: {
  item: DraftItem;
  onChange: (changes: Partial<DraftItem>) => void;
  courseId: string;
  readOnly: boolean;
  onAttachmentAdded: (attachment: Attachment) => void;
  onAttachmentRemoved: (attachmentId: string) => void;
}) {
  const t = useT();
  const rule: LessonRule = item.completionRule ?? 'confirm';
  const id = (name: string) => `item-${item.key}-${name}`;
  return (
    <Form layout="vertical" component="div">
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item label={t('builder.itemTitle')} htmlFor={id('title')} required>
            <Input id={id('title')} value={item.title} onChange={(e) => onChange({ title: e.target.value })} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('builder.itemType')} htmlFor={id('type')}>
            <Select<ItemType>
              id={id('type')}
              value={item.type}
              onChange={(type) => onChange({ type })}
              options={ITEM_TYPES.map((ty) => ({ value: ty, label: t(`builder.itemType.${ty}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('builder.requiredItem')} htmlFor={id('required')}>
            <Switch id={id('required')} checked={item.required} onChange={(required) => onChange({ required })} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('builder.finalItem')} htmlFor={id('final')}>
            <Switch id={id('final')} checked={item.isFinal} onChange={(isFinal) => onChange({ isFinal })} />
          </Form.Item>
        </Col>
        {item.type === 'lesson' && (
          <>
            <Col xs={24} md={12}>
              <Form.Item label={t('builder.completionRule')} htmlFor={id('rule')}>
                <Select<LessonRule>
                  id={id('rule')}
                  value={rule}
                  onChange={(completionRule) => onChange({ completionRule })}
                  options={LESSON_RULES.map((r) => ({ value: r, label: t(`builder.rule.${r}`) }))}
                />
              </Form.Item>
            </Col>
            {rule === 'video_share' && (
              <Col xs={24} md={12}>
                <Form.Item label={t('builder.videoShare')} htmlFor={id('share')}>
                  <InputNumber
                    id={id('share')}
                    min={1}
                    max={100}
                    value={item.videoShare ?? 80}
                    onChange={(v) => onChange({ videoShare: v ?? null })}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item label={t('builder.videoUrl')} htmlFor={id('video')}>
                <Input id={id('video')} type="url" inputMode="url" value={item.videoUrl ?? ''} onChange={(e) => onChange({ videoUrl: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('builder.bodyHtml')} htmlFor={id('body')}>
                <Input.TextArea
                  id={id('body')}
                  rows={8}
                  value={item.bodyHtml ?? ''}
                  onChange={(e) => onChange({ bodyHtml: e.target.value })}
                  style={{ fontFamily: 'monospace' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              {item.id ? (
                <ItemAttachments
                  courseId={courseId}
                  itemId={item.id}
                  itemTitle={item.title || t('builder.newItem')}
                  attachments={item.attachments ?? []}
                  onAdded={onAttachmentAdded}
                  onRemoved={onAttachmentRemoved}
                  disabled={readOnly}
                />
              ) : (
                <div style={{ color: '#434343', fontSize: 13 }}>{t('attachments.saveFirst')}</div>
              )}
            </Col>
          </>
        )}
        {item.type === 'quiz' && (
          <Col xs={24} md={12}>
            <Form.Item label={t('quizPicker.label')} htmlFor={id('quiz')}>
              <QuizPicker id={id('quiz')} value={item.quizId ?? null} onChange={(quizId) => onChange({ quizId })} />
            </Form.Item>
          </Col>
        )}
        {item.type === 'quiz' && (
          <Col xs={24} md={12}>
            <Form.Item label={t('builder.minScore')} htmlFor={id('score')}>
              <InputNumber id={id('score')} min={0} max={100} value={item.minScore ?? null} onChange={(v) => onChange({ minScore: v ?? null })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {item.type === 'attendance' && (
          <Col xs={24} md={12}>
            <Form.Item label={t('builder.minShare')} htmlFor={id('minShare')}>
              <InputNumber id={id('minShare')} min={0} max={100} value={item.minShare ?? null} onChange={(v) => onChange({ minShare: v ?? null })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </Form>
  );
}

function previewPlayer(course: Course, sections: DraftSection[]): Player {
  return {
    course,
    resumeItemId: null,
    enrolment: {
      id: 'preview',
      courseId: course.id,
      courseTitle: course.title,
      staffId: '',
      fullName: '',
      unitId: '',
      unitName: '',
      source: 'manual',
      ruleId: null,
      dueDate: null,
      status: 'enrolled',
      noLongerMatches: false,
      reason: null,
      progress: 0,
      completedAt: null,
      enrolledAt: '',
      durationHours: course.durationHours,
      sequential: course.sequential,
      nextItemId: null,
      overdue: false,
      dueSoon: false,
    },
    sections: sections.map((s) => ({
      id: s.key,
      title: s.title,
      items: s.items.map((i) => ({
        ...(itemInput(i) as CourseItem),
        attachments: i.attachments ?? [],
        id: i.key,
        itemId: i.key,
        status: 'not_started' as const,
        progress: 0,
        score: null,
        completedAt: null,
        lockReason: null,
      })),
    })),
  };
}

type DragRef = { kind: 'section'; s: number } | { kind: 'item'; s: number; i: number } | null;

export function OutlineBuilder({ course, outline }: { course: Course; outline: Outline }) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveOutline();
  const [sections, setSections] = useState<DraftSection[]>(() => toDraft(outline));
  const [dirty, setDirty] = useState(false);
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [announce, setAnnounce] = useState('');
  const drag = useRef<DragRef>(null);
  const readOnly = course.status === 'archived';

  const change = (next: DraftSection[]) => {
    setSections(next);
    setDirty(true);
  };
  const updateSection = (s: number, changes: Partial<DraftSection>) =>
    change(sections.map((sec, idx) => (idx === s ? { ...sec, ...changes } : sec)));
  const updateItem = (s: number, i: number, changes: Partial<DraftItem>) =>
    updateSection(s, { items: sections[s].items.map((it, idx) => (idx === i ? { ...it, ...changes } : it)) });
  /** Attachments are saved by their own requests: they change the draft without making it "unsaved". */
  const setAttachments = (key: string, update: (list: Attachment[]) => Attachment[]) =>
    setSections((prev) =>
      prev.map((sec) => ({
        ...sec,
        items: sec.items.map((it) => (it.key === key ? { ...it, attachments: update(it.attachments ?? []) } : it)),
      })),
    );

  const moveSection = (from: number, to: number) => {
    if (to < 0 || to >= sections.length) return;
    change(move(sections, from, to));
    setAnnounce(`${sections[from].title}: ${t('builder.sectionN', { n: to + 1 })}`);
  };

  /** Moves an item; past the start or end of its section it goes to the neighbouring section. */
  const moveItem = (s: number, i: number, dir: -1 | 1) => {
    const items = sections[s].items;
    const item = items[i];
    const target = i + dir;
    if (target >= 0 && target < items.length) {
      updateSection(s, { items: move(items, i, target) });
    } else {
      const ns = s + dir;
      if (ns < 0 || ns >= sections.length) return;
      change(
        sections.map((sec, idx) => {
          if (idx === s) return { ...sec, items: items.filter((_, k) => k !== i) };
          if (idx === ns) return { ...sec, items: dir === -1 ? [...sec.items, item] : [item, ...sec.items] };
          return sec;
        }),
      );
    }
    setAnnounce(item.title);
  };

  const dropOnItem = (s: number, i: number) => {
    const from = drag.current;
    drag.current = null;
    if (!from || from.kind !== 'item' || (from.s === s && from.i === i)) return;
    const item = sections[from.s].items[from.i];
    const next = sections.map((sec) => ({ ...sec, items: [...sec.items] }));
    next[from.s].items.splice(from.i, 1);
    next[s].items.splice(i, 0, item);
    change(next);
  };
  const dropOnSection = (s: number) => {
    const from = drag.current;
    if (!from) return;
    if (from.kind === 'section') {
      drag.current = null;
      if (from.s !== s) change(move(sections, from.s, s));
    } else if (sections[s].items.length === 0) {
      drag.current = null;
      const item = sections[from.s].items[from.i];
      const next = sections.map((sec) => ({ ...sec, items: [...sec.items] }));
      next[from.s].items.splice(from.i, 1);
      next[s].items.push(item);
      change(next);
    }
  };

  const addSection = () => {
    const key = newKey();
    change([...sections, { key, title: t('builder.newSection'), items: [] }]);
  };
  const addItem = (s: number) => {
    const key = newKey();
    updateSection(s, {
      items: [
        ...sections[s].items,
        { key, type: 'lesson', title: t('builder.newItem'), required: true, isFinal: false, bodyHtml: '', videoUrl: null, completionRule: 'confirm', videoShare: null },
      ],
    });
    setOpenItem(key);
  };

  const invalid = useMemo(
    () => sections.some((s) => !s.title.trim() || s.items.some((i) => !i.title.trim())),
    [sections],
  );

  const onSave = () => {
    if (invalid) {
      setError(t('courses.required'));
      return;
    }
    setError(null);
    save.mutate(
      { id: course.id, outline: toOutlineInput(sections) },
      {
        onSuccess: (saved) => {
          setSections(toDraft(saved));
          setDirty(false);
          message.success(t('builder.saved'));
        },
        onError: (err) => setError(isApiError(err) || err instanceof Error ? err.message : String(err)),
      },
    );
  };

  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={onSave} loading={save.isPending} disabled={readOnly || save.isPending}>
          {t('builder.save')}
        </Button>
        <Button icon={<PlusOutlined aria-hidden />} onClick={addSection} disabled={readOnly}>
          {t('builder.addSection')}
        </Button>
        <Button icon={<EyeOutlined aria-hidden />} onClick={() => setPreviewing(true)}>
          {t('builder.preview')}
        </Button>
        {dirty && <Tag color={TAG.orange}>{t('builder.unsaved')}</Tag>}
      </Flex>
      <div aria-live="polite" className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        {announce}
      </div>
      {course.status === 'published' && <Alert type="warning" showIcon title={t('builder.publishedWarning')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {sections.length === 0 && <Empty description={t('builder.empty')} />}
      {sections.map((section, s) => {
        const sectionName = section.title || t('builder.sectionN', { n: s + 1 });
        return (
          <Card
            key={section.key}
            size="small"
            style={{ marginBottom: 16 }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              dropOnSection(s);
            }}
            title={
              <Flex gap={8} align="center" wrap style={{ padding: '8px 0' }}>
                <span
                  draggable={!readOnly}
                  onDragStart={() => (drag.current = { kind: 'section', s })}
                  style={{ cursor: 'grab' }}
                  aria-hidden
                >
                  <HolderOutlined />
                </span>
                <Typography.Title level={2} style={{ fontSize: 15, margin: 0, whiteSpace: 'nowrap' }}>
                  {t('builder.sectionN', { n: s + 1 })}
                </Typography.Title>
                <Input
                  aria-label={`${t('builder.sectionTitle')} ${s + 1}`}
                  value={section.title}
                  status={section.title.trim() ? undefined : 'error'}
                  onChange={(e) => updateSection(s, { title: e.target.value })}
                  style={{ flex: '1 1 200px', minWidth: 0 }}
                  disabled={readOnly}
                />
              </Flex>
            }
            extra={
              <Flex gap={4}>
                <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('builder.moveUp', { title: sectionName })} disabled={readOnly || s === 0} onClick={() => moveSection(s, s - 1)} />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined aria-hidden />}
                  aria-label={t('builder.moveDown', { title: sectionName })}
                  disabled={readOnly || s === sections.length - 1}
                  onClick={() => moveSection(s, s + 1)}
                />
                <Popconfirm
                  title={t('builder.deleteSectionConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => change(sections.filter((_, k) => k !== s))}
                >
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('builder.deleteSection', { title: sectionName })} disabled={readOnly} />
                </Popconfirm>
              </Flex>
            }
          >
            {section.items.length === 0 && <div style={{ color: '#434343', marginBottom: 8 }}>{t('builder.noItems')}</div>}
            <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {section.items.map((item, i) => {
                const itemName = item.title || t('builder.newItem');
                const first = s === 0 && i === 0;
                const last = s === sections.length - 1 && i === section.items.length - 1;
                const open = openItem === item.key;
                return (
                  <li
                    key={item.key}
                    draggable={!readOnly && !open}
                    onDragStart={(e) => {
                      e.stopPropagation();
                      drag.current = { kind: 'item', s, i };
                    }}
                    onDragOver={(e) => e.preventDefault()}
                    onDrop={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      dropOnItem(s, i);
                    }}
                    style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, marginBottom: 8, background: '#fff' }}
                  >
                    <Flex gap={8} align="center" wrap>
                      <HolderOutlined aria-hidden style={{ cursor: 'grab', color: '#595959' }} />
                      <span style={{ flex: '1 1 160px', minWidth: 0, overflowWrap: 'anywhere' }}>
                        {itemName}{' '}
                        <Tag>{t(`builder.itemType.${item.type}`)}</Tag>
                        {item.required && <Tag>{t('builder.requiredItem')}</Tag>}
                        {item.isFinal && <Tag color={TAG.purple}>{t('builder.finalItem')}</Tag>}
                      </span>
                      <Flex gap={4}>
                        <Button
                          size="small"
                          icon={<EditOutlined aria-hidden />}
                          aria-label={t('builder.editItem', { title: itemName })}
                          aria-expanded={open}
                          onClick={() => setOpenItem(open ? null : item.key)}
                          disabled={readOnly}
                        />
                        <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={t('builder.moveUp', { title: itemName })} disabled={readOnly || first} onClick={() => moveItem(s, i, -1)} />
                        <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={t('builder.moveDown', { title: itemName })} disabled={readOnly || last} onClick={() => moveItem(s, i, 1)} />
                        <Popconfirm
                          title={t('builder.deleteItemConfirm')}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => updateSection(s, { items: section.items.filter((_, k) => k !== i) })}
                        >
                          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('builder.deleteItem', { title: itemName })} disabled={readOnly} />
                        </Popconfirm>
                      </Flex>
                    </Flex>
                    {open && (
                      <div style={{ marginTop: 12 }}>
                        <ItemEditor
                          item={item}
                          onChange={(changes) => updateItem(s, i, changes)}
                          courseId={course.id}
                          readOnly={readOnly}
                          onAttachmentAdded={(a) => setAttachments(item.key, (list) => [...list, a])}
                          onAttachmentRemoved={(id) => setAttachments(item.key, (list) => list.filter((x) => x.id !== id))}
                        />
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => addItem(s)} disabled={readOnly} aria-label={`${t('builder.addItem')} (${sectionName})`}>
              {t('builder.addItem')}
            </Button>
          </Card>
        );
      })}
      {previewing && (
        <Modal open title={t('builder.preview')} footer={null} onCancel={() => setPreviewing(false)} width={1100} destroyOnHidden>
          <CoursePlayer player={previewPlayer(course, sections)} courseId={course.id} readOnly />
        </Modal>
      )}
    </>
  );
}
