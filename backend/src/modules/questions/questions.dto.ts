import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, Text, Uuid } from '../../common/validation/decorators';
import { STORED_QUESTION_TYPES } from './question-types';

export const IMPORT_FORMATS = ['gift', 'aiken', 'moodlexml', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const EXPORT_FORMATS = ['gift', 'moodlexml', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const IMPORT_STATUSES = ['preview', 'committed', 'cancelled'] as const;

// ------------------------------------------------------------------ banks and categories

export class ListBanksQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
}

export class CreateBankDto {
  @Text({ max: 200, min: 1, required: true, example: 'Ngân hàng câu hỏi Chuyển đổi số' }) name: string;
  @Uuid({ required: true }) ownerUnitId: string;
  @Text({ max: 2000, description: 'plain text' }) description?: string;
}

export class UpdateBankDto {
  @Text({ max: 200, min: 1 }) name?: string;
  @Uuid() ownerUnitId?: string;
  @Text({ max: 2000 }) description?: string;
}

export class BankDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty() ownerUnitName: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'questions not deleted' }) questionCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreateCategoryDto {
  @Text({ max: 200, min: 1, required: true, example: 'An toàn thông tin' }) name: string;
  @Uuid({ nullable: true, description: 'null or absent: a top-level category' }) parentId?: string | null;
}

export class UpdateCategoryDto {
  @Text({ max: 200, min: 1 }) name?: string;
  @Uuid({ nullable: true, description: 'move under another category of the same bank (null: top level)' }) parentId?: string | null;
  @Int({ min: 0, max: 100000 }) position?: number;
}

export class CategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bankId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty({ description: 'questions directly in this category (not deleted)' }) questionCount: number;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] }) items: CategoryDto[];
}

export class BankExportQueryDto {
  @Enum(EXPORT_FORMATS, { required: true }) format: ExportFormat;
  @Uuid({ description: 'export this category and its subcategories (default: the whole bank)' }) categoryId?: string;
}

// ------------------------------------------------------------------ questions

export class ListQuestionsQueryDto extends PageQueryDto {
  @Uuid() categoryId?: string;
  @Bool({ query: true }) includeSubcategories?: boolean;
  @Enum(STORED_QUESTION_TYPES) type?: string;
  @Text({ max: 50 }) tag?: string;
  @Text({ max: 100, description: 'diacritic-insensitive search in title, text and tags' }) q?: string;
}

const DATA_DESCRIPTION = `Per type (docs/api-quizzes.md): answers [{ text, fraction (-1..1, Moodle grade list), feedback }], pairs [{ left, right }],
numeric [{ value, tolerance } | { min, max }] aligned with answers, generalFeedback, single, shuffleAnswers, caseSensitive, ignoreDiacritics,
baseType (missing_word), correctAnswer (true_false), essay { minWords, maxWords, responseTemplate }.`;

export class SaveQuestionDto {
  @Uuid({ required: true }) categoryId: string;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) @IsString() @MaxLength(40) type: string;
  @ApiProperty({ maxLength: 300 }) @IsString() @MaxLength(300) title: string;
  @ApiProperty({ description: 'HTML, sanitised by the server; missing_word: one blank "_____"' }) @IsString() @MaxLength(200000) text: string;
  @ApiPropertyOptional({ type: Number, description: 'default 1 (description: 0)', minimum: 0, maximum: 1000 }) @IsOptional() @IsNumber() defaultMark?: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() tags?: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: DATA_DESCRIPTION }) @IsObject() data: Record<string, unknown>;
}

export class QuestionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) type: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'plain text, at most 200 characters' }) textPreview: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() version: number;
  @ApiProperty() defaultMark: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bankId: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) type: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'sanitised HTML' }) text: string;
  @ApiProperty() defaultMark: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ description: 'the version shown (the current one unless asked for an older one)' }) version: number;
  @ApiProperty({ description: 'question_versions.id of this version' }) versionId: string;
  @ApiProperty() currentVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ description: 'attempts that showed any version of this question' }) usedInAttempts: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class QuestionVersionItemDto {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) type: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'display name of the author' }) createdBy: string | null;
}

export class QuestionVersionListDto {
  @ApiProperty({ type: [QuestionVersionItemDto] }) items: QuestionVersionItemDto[];
}

export class QuestionVersionParamDto {
  @Uuid({ required: true }) id: string;
  @ApiProperty({ type: Number, minimum: 1 }) @Matches(/^[1-9]\d{0,6}$/, { message: 'isInt' }) version: string;
}

export class PlayerOptionDto {
  @ApiProperty({ description: 'opaque key, different in every attempt' }) key: string;
  @ApiProperty({ description: 'safe HTML' }) text: string;
}

export class EssayOptionsDto {
  @ApiPropertyOptional() minWords?: number;
  @ApiPropertyOptional() maxWords?: number;
  @ApiPropertyOptional() responseTemplate?: string;
}

export class PlayerQuestionDto {
  @ApiProperty() slot: number;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) type: string;
  @ApiPropertyOptional({ enum: ['single_choice', 'short_answer', 'numeric', 'true_false'] }) baseType?: string;
  @ApiProperty({ description: 'safe HTML' }) text: string;
  @ApiProperty() mark: number;
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) options?: PlayerOptionDto[];
  @ApiPropertyOptional() multiple?: boolean;
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) left?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) right?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: [PlayerOptionDto] }) items?: PlayerOptionDto[];
  @ApiPropertyOptional({ type: EssayOptionsDto }) essay?: EssayOptionsDto;
}

export class PreviewQueryDto {
  @Int({ min: 1, max: 1000000, query: true }) version?: number;
}

// ------------------------------------------------------------------ imports

export class QuestionImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'GIFT / Aiken (.txt, UTF-8 with or without BOM), Moodle XML, or the Excel template; at most 10 MB' })
  file: unknown;
  @ApiProperty({ enum: IMPORT_FORMATS, description: 'default: from the file extension' }) format: string;
  @ApiProperty({ format: 'uuid', description: 'category the questions are imported into (category paths of the file become subcategories)' }) categoryId: string;
}

export class ImportWarningDto {
  @ApiProperty({ example: 'legacy_font', description: 'legacy_font (TCVN3 / VNI text) or dropped (something the bank cannot keep)' }) code: string;
  @ApiPropertyOptional({ enum: ['tcvn3', 'vni'] }) font?: string;
  @ApiPropertyOptional() field?: string;
  @ApiProperty() message: string;
  @ApiProperty() messageVi: string;
}

export class ImportQuestionDto {
  @ApiProperty({ description: '1-based position in the file' }) index: number;
  @ApiProperty({ enum: STORED_QUESTION_TYPES }) type: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'sanitised HTML' }) text: string;
  @ApiPropertyOptional({ description: 'line in the file (GIFT, Aiken, Moodle XML)' }) line?: number;
  @ApiPropertyOptional({ description: 'row in the spreadsheet (Excel)' }) row?: number;
  @ApiProperty({ type: String, nullable: true, description: 'category path below the target category' }) category: string | null;
  @ApiProperty({ type: [ImportWarningDto] }) warnings: ImportWarningDto[];
  @ApiProperty() defaultMark: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what will be stored, correct answers included (trainer view)' }) data: Record<string, unknown>;
  @ApiProperty({ type: PlayerQuestionDto, description: 'the question as a learner will see it' }) preview: PlayerQuestionDto;
}

export class ImportErrorDto {
  @ApiPropertyOptional() line?: number;
  @ApiPropertyOptional() row?: number;
  @ApiProperty({ example: 'braceerror' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty() messageVi: string;
  @ApiPropertyOptional({ description: 'title or first words of the question' }) question?: string;
}

export class ImportCountsDto {
  @ApiProperty() questions: number;
  @ApiProperty() errors: number;
  @ApiProperty() warnings: number;
}

export class QuestionImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bankId: string;
  @ApiProperty({ format: 'uuid' }) categoryId: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) format: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: string;
  @ApiProperty({ type: [ImportQuestionDto] }) questions: ImportQuestionDto[];
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
  @ApiProperty({ type: ImportCountsDto }) counts: ImportCountsDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ImportCommitResultDto {
  @ApiProperty() created: number;
  @ApiProperty() categoriesCreated: number;
}
