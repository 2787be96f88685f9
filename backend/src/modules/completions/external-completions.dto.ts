import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsNumber, IsOptional, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Enum, IsoDate, Text, Uuid } from '../../common/validation/decorators';
import { CompletionDto } from '../courses/courses.dto';

export const EXTERNAL_SOURCES = ['bdhvs', 'provincial_program'] as const;
export type ExternalSource = (typeof EXTERNAL_SOURCES)[number];
export const COMPLETION_STATUSES = ['pending', 'approved', 'rejected'] as const;

const TAG_RE = /^[a-z0-9_.]{1,40}$/;

/**
 * The text fields of POST /api/external-completions (multipart/form-data; the file goes in `evidence`).
 * Multipart values arrive as text: hours accepts "1.5" or "1,5", tags are comma-separated.
 */
export class CreateExternalCompletionDto {
  @Uuid({ description: 'the person; default: the caller\'s linked person' }) staffId?: string;
  @Enum(EXTERNAL_SOURCES, { required: true }) source: ExternalSource;
  @Uuid({ description: 'the internal course it stands for, if any' }) courseId?: string;
  @Text({ max: 300, min: 1, description: 'Nội dung bồi dưỡng; required unless courseId is given (then the course title is the default)' }) title?: string;
  @Text({ max: 300, min: 1, required: true, description: 'Đơn vị tổ chức', example: 'binhdanhocvuso.gov.vn' }) provider: string;
  @IsoDate({ required: true, description: 'not in the future' }) completedOn: string;
  @ApiProperty({ type: Number, example: 4, description: 'greater than 0, at most 500' })
  @Transform(({ value }) => (typeof value === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(value) ? Number(value.trim().replace(',', '.')) : value))
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  hours: number;
  @Text({ max: 100, description: 'Số giấy chứng nhận' }) certificateNo?: string;
  @ApiPropertyOptional({ type: String, example: '2.1,digital_communication', description: 'comma-separated' })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value))
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ArrayUnique() @IsString({ each: true }) @Matches(TAG_RE, { each: true })
  tags?: string[];
}

/** The OpenAPI schema of the multipart body: the fields above plus the file. */
export class CreateExternalCompletionFormDto extends CreateExternalCompletionDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, PNG, JPEG or WebP, at most 5 MB (required)' }) evidence: unknown;
}

export class EvidenceDto {
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
}

export class ExternalCompletionDto extends CompletionDto {
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() title: string;
  @ApiProperty() provider: string;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty({ type: String, nullable: true }) certificateNo: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: EvidenceDto, nullable: true }) evidence: EvidenceDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) submittedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'display name of submittedBy' }) submittedByName: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'display name of reviewedBy' }) reviewedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewNote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the import that created it' }) importId: string | null;
}

export class ExternalCompletionListDto {
  @ApiProperty({ type: [ExternalCompletionDto] }) items: ExternalCompletionDto[];
}

export class ListExternalCompletionsQueryDto extends PageQueryDto {
  @Enum(COMPLETION_STATUSES) status?: string;
  @Enum(EXTERNAL_SOURCES) source?: string;
  @Uuid() unitId?: string;
  @Text({ max: 100 }) q?: string;
}

export class ApproveDto {
  @Text({ max: 1000, description: 'Ghi chú khi duyệt' }) note?: string;
}

export class RejectDto {
  @Text({ max: 1000, min: 1, required: true, description: 'Lý do từ chối' }) note: string;
}

export class ImportIssueDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportRowDataDto {
  @ApiProperty({ type: String, nullable: true }) source: string | null;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) provider: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) completedOn: string | null;
  @ApiProperty({ type: Number, nullable: true }) hours: number | null;
  @ApiProperty({ type: String, nullable: true }) certificateNo: string | null;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
}

export class ImportRowDto {
  @ApiProperty({ description: 'spreadsheet row number' }) row: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) staffId?: string | null;
  @ApiProperty({ description: 'the matched person\'s name, else the name or code as written' }) fullName: string;
  @ApiProperty({ enum: ['ok', 'error', 'duplicate'] }) status: 'ok' | 'error' | 'duplicate';
  @ApiProperty({ type: [ImportIssueDto] }) errors: ImportIssueDto[];
  @ApiProperty({ type: ImportRowDataDto }) data: ImportRowDataDto;
}

export class ImportPreviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: [ImportRowDto] }) rows: ImportRowDto[];
  @ApiProperty() okCount: number;
  @ApiProperty() errorCount: number;
  @ApiProperty() duplicateCount: number;
}

export class ImportCommitDto {
  @ApiProperty() created: number;
}

export class ImportFileDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx (the template), at most 5 MB' }) file: unknown;
}
