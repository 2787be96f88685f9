import { Injectable } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../common/auth/permissions';
import { AppError, notFound } from '../../common/errors/app-error';
import { checkFile, contentDisposition, FILE_USES, FileKind, FileUse, isImage, tooLarge } from './file-types';

/** An upload that passed the checks for its use, not yet stored. */
export interface Upload { buf: Buffer; fileName: string; mime: string; kind: FileKind }

/** Metadata of a stored file (never its bytes). */
export interface StoredFileMeta { id: string; fileName: string; mimeType: string; size: number; createdAt: string }

const notMultipart = (field: string) =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', {}, { [field]: { vi: `Hãy gửi tệp dạng multipart/form-data, trường "${field}"`, en: `Send the file as multipart/form-data, field "${field}"` } });

const isTooLarge = (e: unknown) => (e as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Uploads kept in PostgreSQL (stored_files). Reading checks the content and the size for the use;
 * storing happens in the caller's transaction, so a file never exists without the row that points at it.
 */
@Injectable()
export class FilesService {
  constructor(private readonly dataSource: DataSource) {}

  private async readPart(part: MultipartFile, use: FileUse): Promise<Upload> {
    let buf: Buffer;
    try {
      buf = await part.toBuffer();
    } catch (e) {
      if (isTooLarge(e)) throw tooLarge(part.fieldname, use);
      throw e;
    }
    const checked = checkFile(buf, part.filename, use, part.fieldname);
    return { buf, fileName: checked.fileName, mime: checked.mime, kind: checked.kind };
  }

  /** The one file of a multipart request (field `field`), checked for its use. */
  async readUpload(req: FastifyRequest, use: FileUse, field = 'file'): Promise<Upload> {
    if (!req.isMultipart()) throw notMultipart(field);
    const part = await req.file({ limits: { fileSize: FILE_USES[use].maxBytes, files: 1 } });
    if (!part || part.fieldname !== field) {
      throw new AppError(400, 'VALIDATION_FAILED', {}, { [field]: { vi: 'Chưa chọn tệp', en: 'No file was sent' } });
    }
    return this.readPart(part, use);
  }

  /**
   * A multipart form with text fields and at most one file (field `fileField`). Fields come back as strings
   * (the last value wins); a file in another field is refused.
   */
  async readForm(req: FastifyRequest, use: FileUse, fileField: string): Promise<{ fields: Record<string, string>; file: Upload | null }> {
    if (!req.isMultipart()) throw notMultipart(fileField);
    const fields: Record<string, string> = Object.create(null);
    let file: Upload | null = null;
    for await (const part of req.parts({ limits: { fileSize: FILE_USES[use].maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField) {
          await part.toBuffer().catch(() => undefined);
          throw new AppError(400, 'VALIDATION_FAILED', {}, { [part.fieldname]: { vi: `Chỉ nhận tệp ở trường "${fileField}"`, en: `Files are only accepted in the "${fileField}" field` } });
        }
        file = await this.readPart(part, use);
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
    }
    return { fields: { ...fields }, file };
  }

  /** Stores the bytes inside the caller's transaction and returns the new id. */
  async store(tx: EntityManager, actor: Actor | null, use: FileUse, upload: Upload): Promise<string> {
    const sha = createHash('sha256').update(upload.buf).digest();
    const purpose = use === 'import' ? 'evidence' : use;
    const [{ id }] = await tx.query(
      `INSERT INTO stored_files (purpose, file_name, mime_type, size, sha256, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [purpose, upload.fileName, upload.mime, upload.buf.length, sha, upload.buf, actor?.userId ?? null],
    );
    return id;
  }

  async remove(tx: EntityManager, id: string | null | undefined): Promise<void> {
    if (id) await tx.query(`DELETE FROM stored_files WHERE id = $1`, [id]);
  }

  /**
   * Sends a stored file: its stored type, attachment (inline for images) with an RFC 5987 name,
   * nosniff, and private caching.
   */
  async send(reply: FastifyReply, id: string | null | undefined): Promise<void> {
    if (!id) throw notFound();
    const [f] = await this.dataSource.query(`SELECT file_name, mime_type, content FROM stored_files WHERE id = $1`, [id]);
    if (!f) throw notFound();
    await reply
      .type(f.mime_type)
      .header('content-disposition', contentDisposition(f.file_name, isImage(f.mime_type)))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private')
      .send(f.content as Buffer);
  }
}
