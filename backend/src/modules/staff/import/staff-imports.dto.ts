import { ApiProperty } from '@nestjs/swagger';
import { PageQueryDto } from '../../../common/http/dto';
import { Enum } from '../../../common/validation/decorators';

export const IMPORT_STATUSES = ['previewed', 'committing', 'committed', 'cancelled', 'failed'] as const;

export class ImportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: (typeof IMPORT_STATUSES)[number];
  @ApiProperty() totalRows: number;
  @ApiProperty() validRows: number;
  @ApiProperty() errorRows: number;
  @ApiProperty() warningRows: number;
  @ApiProperty() createCount: number;
  @ApiProperty() updateCount: number;
  @ApiProperty() unchangedCount: number;
  @ApiProperty({ description: 'Rows written so far during a commit' }) processedRows: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) committedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) message: string | null;
}

export class ImportIssueDto {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

export class ImportRowDto {
  @ApiProperty({ description: 'Spreadsheet row number' }) rowNumber: number;
  @ApiProperty({ enum: ['create', 'update', 'unchanged', 'error'] }) action: 'create' | 'update' | 'unchanged' | 'error';
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: [ImportIssueDto] }) errors: ImportIssueDto[];
  @ApiProperty({ type: [ImportIssueDto] }) warnings: ImportIssueDto[];
}

export class ListImportRowsQueryDto extends PageQueryDto {
  @Enum(['all', 'errors', 'warnings'] as const) filter?: 'all' | 'errors' | 'warnings';
}

export class UploadFileDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx or .csv (UTF-8), at most 10 MB' }) file: unknown;
}
