import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, IsoDate, Text, Uuid } from '../../common/validation/decorators';
import { DT_ROLES, DtRole, STAFF_CATEGORIES, StaffCategory } from '../staff/staff-member.entity';

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const DELIVERY_MODES = ['self_paced', 'in_person', 'blended'] as const;
export const TARGET_GROUPS = ['cbccvc', 'resident', 'student', 'enterprise_worker'] as const;
export const ITEM_TYPES = ['lesson', 'quiz', 'attendance'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const LESSON_RULES = ['opened_to_end', 'video_share', 'confirm'] as const;
export const ENROLMENT_STATUSES = ['enrolled', 'in_progress', 'completed', 'withdrawn', 'exempted'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ITEM_PROGRESS_STATUSES = ['locked', 'not_started', 'in_progress', 'completed'] as const;
export const LEARNING_FILTERS = ['all', 'assigned', 'in_progress', 'due_soon', 'overdue', 'completed'] as const;
export const PROGRESS_EVENTS = ['opened', 'progress', 'completed'] as const;

const TAG_RE = /^[a-z0-9_.]{1,40}$/;

const VALIDITY_DESCRIPTION = 'Thời hạn hiệu lực của giấy chứng nhận (tháng); null = không hết hạn. Applies to certificates issued from now on.';
const RENEWAL_DESCRIPTION = 'Ghi danh học lại trước khi hết hạn (ngày): a person whose valid certificate expires within this many days is '
  + 'enrolled again, due on the expiry date; null = no automatic re-enrolment. Needs certificateValidityMonths, and must be shorter than it '
  + '(under 28 days per month of validity).';

class TagsField {
  @ApiPropertyOptional({ type: [String], example: ['2.1', 'digital_communication'] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ArrayUnique() @IsString({ each: true }) @Matches(TAG_RE, { each: true })
  tags?: string[];
}

export class CreateCourseDto extends TagsField {
  @Text({ max: 40, min: 1, required: true, example: 'KNS-01' }) code: string;
  @Text({ max: 300, min: 1, required: true }) title: string;
  @ApiPropertyOptional({ type: String, description: 'HTML, sanitised by the server' }) @IsOptional() @IsString() @MaxLength(200000) description?: string;
  @Uuid({ required: true }) ownerUnitId: string;
  @Enum(TARGET_GROUPS, { required: true }) targetGroup: string;
  @Enum(DELIVERY_MODES, { required: true }) deliveryMode: string;
  @ApiProperty({ type: Number, minimum: 0.25, maximum: 1000, example: 8 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.25) @Max(1000) durationHours: number;
  @Bool() sequential?: boolean;
  @Int({ min: 0, max: 100, nullable: true }) passMark?: number | null;
  @Int({ min: 0, max: 100, nullable: true }) minProgressBeforeFinal?: number | null;
  @Bool() selfEnrol?: boolean;
  @Text({ max: 100, min: 4, nullable: true, description: 'Mã ghi danh (lưu dạng băm)' }) enrolKey?: string | null;
  @Int({ min: 1, max: 240, nullable: true, description: VALIDITY_DESCRIPTION }) certificateValidityMonths?: number | null;
  @Int({ min: 1, max: 365, nullable: true, description: RENEWAL_DESCRIPTION }) renewalLeadDays?: number | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsString({ each: true }) @Matches(/^[0-9a-f-]{36}$/i, { each: true })
  trainerIds?: string[];
}

export class UpdateCourseDto extends TagsField {
  @Text({ max: 40, min: 1 }) code?: string;
  @Text({ max: 300, min: 1 }) title?: string;
  @ApiPropertyOptional({ type: String }) @IsOptional() @IsString() @MaxLength(200000) description?: string;
  @Uuid() ownerUnitId?: string;
  @Enum(TARGET_GROUPS) targetGroup?: string;
  @Enum(DELIVERY_MODES) deliveryMode?: string;
  @ApiPropertyOptional({ type: Number, minimum: 0.25, maximum: 1000 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.25) @Max(1000) durationHours?: number;
  @Bool() sequential?: boolean;
  @Int({ min: 0, max: 100, nullable: true }) passMark?: number | null;
  @Int({ min: 0, max: 100, nullable: true }) minProgressBeforeFinal?: number | null;
  @Bool() selfEnrol?: boolean;
  @Text({ max: 100, min: 4, nullable: true, description: 'null removes the key' }) enrolKey?: string | null;
  @Int({ min: 1, max: 240, nullable: true, description: VALIDITY_DESCRIPTION }) certificateValidityMonths?: number | null;
  @Int({ min: 1, max: 365, nullable: true, description: RENEWAL_DESCRIPTION }) renewalLeadDays?: number | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsString({ each: true }) @Matches(/^[0-9a-f-]{36}$/i, { each: true })
  trainerIds?: string[];
}

export class ListCoursesQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
  @Enum(COURSE_STATUSES) status?: CourseStatus;
  @Text({ max: 40 }) tag?: string;
}

export class CourseResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'sanitised HTML' }) description: string;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty() ownerUnitName: string;
  @ApiProperty({ type: [String] }) trainerIds: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: TARGET_GROUPS }) targetGroup: string;
  @ApiProperty({ enum: DELIVERY_MODES }) deliveryMode: string;
  @ApiProperty() durationHours: number;
  @ApiProperty({ enum: COURSE_STATUSES }) status: CourseStatus;
  @ApiProperty() version: number;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ type: Number, nullable: true }) passMark: number | null;
  @ApiProperty({ type: Number, nullable: true }) minProgressBeforeFinal: number | null;
  @ApiProperty() selfEnrol: boolean;
  @ApiProperty() hasEnrolKey: boolean;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 240, description: VALIDITY_DESCRIPTION }) certificateValidityMonths: number | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 365, description: RENEWAL_DESCRIPTION }) renewalLeadDays: number | null;
  @ApiProperty() enrolledCount: number;
  @ApiProperty() completedCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'GET /api/courses/:id/cover (with a version parameter) when the course has a cover image' }) coverUrl: string | null;
}

export class OutlineItemInputDto {
  @Uuid() id?: string;
  @Enum(ITEM_TYPES, { required: true }) type: ItemType;
  @Text({ max: 300, min: 1, required: true }) title: string;
  @Bool() required?: boolean;
  @Bool() isFinal?: boolean;
  @ApiPropertyOptional({ type: String }) @IsOptional() @IsString() @MaxLength(500000) bodyHtml?: string;
  @Text({ max: 1000, nullable: true }) videoUrl?: string | null;
  @Enum(LESSON_RULES) completionRule?: string;
  @Int({ min: 0, max: 100, nullable: true }) videoShare?: number | null;
  @Int({ min: 0, max: 100, nullable: true }) minScore?: number | null;
  @Int({ min: 0, max: 100, nullable: true }) minShare?: number | null;
  @Uuid({ nullable: true, description: 'quiz items: the quiz (in scope) whose graded attempts score this item' }) quizId?: string | null;
  /** An outline read from GET may be sent back as it is: attachments are accepted and ignored (they have their own routes). */
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'ignored: lesson attachments are managed by their own routes' })
  @IsOptional() @IsArray() @ArrayMaxSize(100)
  attachments?: unknown[];
}

export class OutlineSectionInputDto {
  @Uuid() id?: string;
  @Text({ max: 300, min: 1, required: true }) title: string;
  @ApiProperty({ type: [OutlineItemInputDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OutlineItemInputDto)
  items: OutlineItemInputDto[];
}

export class SaveOutlineDto {
  @ApiProperty({ type: [OutlineSectionInputDto] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => OutlineSectionInputDto)
  sections: OutlineSectionInputDto[];
}

/** A file attached to a lesson; downloaded from GET /api/courses/:id/items/:itemId/attachments/:attachmentId. */
export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mimeType: string;
  @ApiProperty({ description: 'bytes' }) size: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class CourseItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ITEM_TYPES }) type: ItemType;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty() isFinal: boolean;
  @ApiPropertyOptional() bodyHtml?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) videoUrl?: string | null;
  @ApiPropertyOptional({ enum: LESSON_RULES }) completionRule?: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) videoShare?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) minScore?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) minShare?: number | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'quiz items: the linked quiz' }) quizId?: string | null;
  @ApiPropertyOptional({ type: [AttachmentDto], description: 'lesson items' }) attachments?: AttachmentDto[];
}

export class CourseSectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CourseItemDto] }) items: CourseItemDto[];
}

export class OutlineResponseDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [CourseSectionDto] }) sections: CourseSectionDto[];
}

export class DuplicateCourseDto {
  @Text({ max: 40, min: 1, required: true }) code: string;
  @Text({ max: 300, min: 1, required: true }) title: string;
}

// ------------------------------------------------------------------ enrolments

export class EnrolmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['manual', 'rule', 'self'] }) source: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ruleId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty() noLongerMatches: boolean;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ format: 'date-time' }) enrolledAt: string;
  @ApiProperty({ minimum: 1, description: 'the time through the course: 1, then one more at each re-enrolment before a certificate expires' }) cycle: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the current cycle began (the last re-enrolment); null in cycle 1' }) renewedAt: string | null;
}

export class ListEnrolmentsQueryDto extends PageQueryDto {
  @Uuid() unitId?: string;
  @Enum(ENROLMENT_STATUSES) status?: EnrolmentStatus;
  @Text({ max: 100 }) q?: string;
  @Bool({ query: true }) overdue?: boolean;
}

export class EnrolFilterDto {
  @Uuid({ required: true }) unitId: string;
  @ApiPropertyOptional({ enum: STAFF_CATEGORIES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(STAFF_CATEGORIES as unknown as string[], { each: true, context: { values: STAFF_CATEGORIES.join(', ') } })
  categories?: StaffCategory[];
  @ApiPropertyOptional({ enum: DT_ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(DT_ROLES as unknown as string[], { each: true, context: { values: DT_ROLES.join(', ') } })
  dtRoles?: DtRole[];
}

export class EnrolDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @IsString({ each: true }) @Matches(/^[0-9a-f-]{36}$/i, { each: true })
  staffIds?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @Matches(/^[0-9a-f-]{36}$/i, { each: true })
  unitIds?: string[];
  @ApiPropertyOptional({ type: EnrolFilterDto }) @IsOptional() @ValidateNested() @Type(() => EnrolFilterDto) filter?: EnrolFilterDto;
  @IsoDate({ nullable: true }) dueDate?: string | null;
}

export class EnrolResultDto {
  @ApiProperty() enrolled: number;
  @ApiProperty() alreadyEnrolled: number;
}

export class ReasonDto {
  @Text({ max: 1000, min: 1, required: true }) reason: string;
}

export class CreateRuleDto {
  @Uuid({ required: true }) unitId: string;
  @ApiPropertyOptional({ enum: STAFF_CATEGORIES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(STAFF_CATEGORIES as unknown as string[], { each: true, context: { values: STAFF_CATEGORIES.join(', ') } })
  categories?: StaffCategory[];
  @ApiPropertyOptional({ enum: DT_ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(DT_ROLES as unknown as string[], { each: true, context: { values: DT_ROLES.join(', ') } })
  dtRoles?: DtRole[];
  @IsoDate({ nullable: true }) dueDate?: string | null;
}

export class EnrolmentRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: STAFF_CATEGORIES, isArray: true }) categories: StaffCategory[];
  @ApiProperty({ enum: DT_ROLES, isArray: true }) dtRoles: DtRole[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() matchedCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EnrolmentRuleListDto {
  @ApiProperty({ type: [EnrolmentRuleDto] }) items: EnrolmentRuleDto[];
}

export class ItemProgressDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ITEM_PROGRESS_STATUSES }) status: string;
  @ApiProperty() progress: number;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'previous_required_incomplete | min_progress_before_final' }) lockReason: string | null;
}

export class ProgressRowDto {
  @ApiProperty({ type: EnrolmentResponseDto }) enrolment: EnrolmentResponseDto;
  @ApiProperty({ type: [ItemProgressDto] }) items: ItemProgressDto[];
}

export class ProgressColumnDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() title: string;
  @ApiProperty() sectionTitle: string;
}

export class ProgressTableDto {
  @ApiProperty({ type: [ProgressRowDto] }) items: ProgressRowDto[];
  @ApiProperty({ type: [ProgressColumnDto] }) columns: ProgressColumnDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ProgressQueryDto extends PageQueryDto {
  @Uuid() unitId?: string;
  @Enum(ENROLMENT_STATUSES) status?: EnrolmentStatus;
}

export class ExportQueryDto {
  @Uuid() unitId?: string;
  @Enum(ENROLMENT_STATUSES) status?: EnrolmentStatus;
}

// ------------------------------------------------------------------ learner

export class LearningCourseDto extends EnrolmentResponseDto {
  @ApiProperty() durationHours: number;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nextItemId: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: 'due within 14 days' }) dueSoon: boolean;
}

export class MyLearningQueryDto {
  @Enum(LEARNING_FILTERS) filter?: string;
}

export class MyLearningDto {
  @ApiProperty({ type: [LearningCourseDto] }) items: LearningCourseDto[];
  @ApiProperty() hoursThisYear: number;
}

export class CatalogueQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
}

export class SelfEnrolDto {
  @Text({ max: 100, min: 1 }) enrolKey?: string;
}

export class PlayerItemDto extends CourseItemDto {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({ enum: ITEM_PROGRESS_STATUSES }) status: string;
  @ApiProperty() progress: number;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lockReason: string | null;
}

export class PlayerSectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PlayerItemDto] }) items: PlayerItemDto[];
}

export class PlayerDto {
  @ApiProperty({ type: LearningCourseDto }) enrolment: LearningCourseDto;
  @ApiProperty({ type: CourseResponseDto }) course: CourseResponseDto;
  @ApiProperty({ type: [PlayerSectionDto] }) sections: PlayerSectionDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resumeItemId: string | null;
}

export class ProgressEventDto {
  @Enum(PROGRESS_EVENTS, { required: true }) event: string;
  @Int({ min: 0, max: 100 }) share?: number;
  @Int({ min: 0, max: 100 }) score?: number;
}

export class CompletionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for an external completion not tied to a course' }) courseId: string | null;
  @ApiProperty({ description: 'the course title, or the title of an external completion' }) courseTitle: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null for external completions' }) courseVersion: number | null;
  @ApiProperty({ format: 'date-time' }) completedAt: string;
  @ApiProperty() hours: number;
  @ApiProperty() rule: string;
  @ApiProperty({ enum: ['internal', 'bdhvs', 'provincial_program'] }) source: string;
  @ApiProperty({ enum: ['approved', 'pending', 'rejected'] }) status: string;
}

export class HoursByYearDto {
  @ApiProperty() year: number;
  @ApiProperty() hours: number;
}

export class StaffLearningDto {
  @ApiProperty({ type: [EnrolmentResponseDto] }) enrolments: EnrolmentResponseDto[];
  @ApiProperty({ type: [CompletionDto] }) completions: CompletionDto[];
  @ApiProperty({ type: [HoursByYearDto] }) hoursByYear: HoursByYearDto[];
}

export class CourseIdParamDto {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'isUuid' }) courseId: string;
}

export class CourseItemParamDto extends CourseIdParamDto {
  @ApiProperty({ format: 'uuid' }) @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'isUuid' }) itemId: string;
}
void ValidateIf; void ArrayMinSize;

export class CourseStatusChangeDto {
  @Text({ max: 1000, description: 'Ghi chú (ghi vào nhật ký)' }) note?: string;
}

// ------------------------------------------------------------------ re-enrolment before a certificate expires

export class RunRenewalsDto {
  @Text({ max: 1000, description: 'Ghi chú (ghi vào nhật ký)' }) note?: string;
}

export class RenewalResultDto {
  @ApiProperty({ description: 'people enrolled again by this run' }) renewed: number;
  @ApiProperty({ description: 'people whose due certificate had been renewed already (nothing done)' }) alreadyRenewed: number;
}
