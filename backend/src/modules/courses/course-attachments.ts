import { EntityManager } from 'typeorm';
import { AttachmentDto } from './courses.dto';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

/** Metadata columns of an attachment and its stored file (never the bytes). */
export const ATTACHMENT_SELECT = `SELECT a.id, a.item_id, a.course_id, a.position, a.created_at, f.file_name, f.mime_type, f.size
  FROM course_attachments a JOIN stored_files f ON f.id = a.file_id`;

export const toAttachmentDto = (r: Row): AttachmentDto => ({
  id: r.id, fileName: r.file_name, mimeType: r.mime_type, size: Number(r.size), uploadedAt: new Date(r.created_at).toISOString(),
});

/** The attachments of a course's items, in order, by item id. */
export async function attachmentsByItem(q: EntityManager, courseId: string): Promise<Map<string, AttachmentDto[]>> {
  const rows: Row[] = await q.query(`${ATTACHMENT_SELECT} WHERE a.course_id = $1 ORDER BY a.item_id, a.position, a.id`, [courseId]);
  const out = new Map<string, AttachmentDto[]>();
  for (const r of rows) {
    if (!out.has(r.item_id)) out.set(r.item_id, []);
    out.get(r.item_id)?.push(toAttachmentDto(r));
  }
  return out;
}
