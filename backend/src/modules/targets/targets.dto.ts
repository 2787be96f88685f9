import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, IsoDate, Text, Uuid } from '../../common/validation/decorators';
import { DT_ROLES, STAFF_CATEGORIES } from '../staff/staff-member.entity';

export const EXTERNAL_SOURCES = ['bdhvs', 'provincial_program'] as const;
export const COURSE_MODES = ['any', 'all'] as const;
export const BREAKDOWN_BY = ['unit', 'category', 'dtRole'] as const;
export type BreakdownBy = (typeof BREAKDOWN_BY)[number];
export const TARGET_STATUSES = ['achieved', 'on_track', 'at_risk', 'behind'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG_RE = /^[a-z0-9_.]{1,40}$/;

export class MilestoneDto {
  @IsoDate({ required: true }) date: string;
  @ApiProperty({ type: Number, minimum: 0.01, maximum: 100 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(100) share: number;
  @Text({ max: 200 }) label?: string;
}

class TargetFieldsDto {
  @Text({ max: 200, description: 'e.g. "57-NQ/TW", "KH 662/KH-UBND"' }) policyRef?: string;
  @ApiPropertyOptional({ type: String }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: STAFF_CATEGORIES, isArray: true })
  @IsOptional() @IsIn(STAFF_CATEGORIES as unknown as string[], { each: true }) @ArrayUnique() @ArrayMaxSize(10) @IsArray()
  categories?: string[];
  @ApiPropertyOptional({ enum: DT_ROLES, isArray: true })
  @IsOptional() @IsIn(DT_ROLES as unknown as string[], { each: true }) @ArrayUnique() @ArrayMaxSize(3) @IsArray()
  dtRoles?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'courses whose completion counts' })
  @IsOptional() @Matches(UUID_RE, { each: true }) @IsString({ each: true }) @ArrayUnique() @ArrayMaxSize(100) @IsArray()
  courseIds?: string[];
  @Enum(COURSE_MODES, { description: 'any: one of courseIds is enough; all: every one of them' }) courseMode?: string;
  @ApiPropertyOptional({ type: [String], example: ['digital_communication'], description: 'any completed course carrying one of these tags counts' })
  @IsOptional() @Matches(TAG_RE, { each: true }) @IsString({ each: true }) @ArrayUnique() @ArrayMaxSize(30) @IsArray()
  courseTags?: string[];
  @ApiPropertyOptional({ enum: EXTERNAL_SOURCES, isArray: true, description: 'approved external completions of these sources count' })
  @IsOptional() @IsIn(EXTERNAL_SOURCES as unknown as string[], { each: true }) @ArrayUnique() @IsArray()
  externalSources?: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'attending (present or late) at least one session of these classes counts' })
  @IsOptional() @Matches(UUID_RE, { each: true }) @IsString({ each: true }) @ArrayUnique() @ArrayMaxSize(100) @IsArray()
  classIds?: string[];
  @Int({ min: 1, max: 50, nullable: true }) validityYears?: number | null;
  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => MilestoneDto) @ArrayMaxSize(20) @IsArray()
  milestones?: MilestoneDto[];
}

export class CreateTargetDto extends TargetFieldsDto {
  @Text({ max: 40, min: 1, required: true, example: 'NQ57-2030' }) code: string;
  @Text({ max: 400, min: 1, required: true }) name: string;
  @Uuid({ required: true, description: 'root of the population (unit subtree)' }) unitId: string;
  @ApiProperty({ type: Number, minimum: 0.01, maximum: 100, example: 100 }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(100) targetShare: number;
  @IsoDate({ required: true }) startDate: string;
  @IsoDate({ required: true }) deadline: string;
}

export class UpdateTargetDto extends TargetFieldsDto {
  @Text({ max: 40, min: 1 }) code?: string;
  @Text({ max: 400, min: 1 }) name?: string;
  @Uuid() unitId?: string;
  @ApiPropertyOptional({ type: Number, minimum: 0.01, maximum: 100 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(100) targetShare?: number;
  @IsoDate() startDate?: string;
  @IsoDate() deadline?: string;
  @Bool() active?: boolean;
}

export class TargetResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() policyRef: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty({ type: [String] }) dtRoles: string[];
  @ApiProperty({ type: [String] }) courseIds: string[];
  @ApiProperty({ enum: COURSE_MODES }) courseMode: string;
  @ApiProperty({ type: [String] }) courseTags: string[];
  @ApiProperty({ type: [String] }) externalSources: string[];
  @ApiProperty({ type: [String] }) classIds: string[];
  @ApiProperty({ type: Number, nullable: true }) validityYears: number | null;
  @ApiProperty() targetShare: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TargetListDto {
  @ApiProperty({ type: [TargetResponseDto] }) items: TargetResponseDto[];
}

export class AsOfQueryDto {
  @IsoDate({ description: 'figures as they were at the end of this day (Asia/Ho_Chi_Minh); default today' }) asOf?: string;
  @Uuid({ description: 'restrict to this unit subtree (inside the target population and the caller scope)' }) unitId?: string;
}

export class BreakdownQueryDto extends AsOfQueryDto {
  @Enum(BREAKDOWN_BY, { required: true }) by: BreakdownBy;
}

export class TargetPeopleQueryDto extends PageQueryDto {
  @IsoDate() asOf?: string;
  @Uuid() unitId?: string;
  // false: the people not yet trained; true: the trained; absent: everyone
  @Bool({ query: true }) trained?: boolean;
  @Text({ max: 100 }) q?: string;
}

export class FiguresDto {
  @ApiProperty({ description: 'distinct people in the population on the date (active or on leave)' }) population: number;
  @ApiProperty() trained: number;
  @ApiProperty({ description: 'trained / population x 100, one decimal' }) share: number;
  @ApiProperty({ description: 'people on long leave (maternity, long-term study …) in the population: shown, not dropped' }) onLeave: number;
  @ApiProperty() onLeaveTrained: number;
  @ApiProperty({ description: 'people still to train to reach the target share' }) toTrain: number;
}

export class ProjectionDto {
  @ApiProperty({ description: 'people trained per month over the last three months' }) pacePerMonth: number;
  @ApiProperty({ description: 'people per month needed to reach the target by the deadline' }) neededPerMonth: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'date the target is reached at the current pace; null when the pace is zero' })
  projectedDate: string | null;
  @ApiProperty() monthsLeft: number;
}

export class TargetSummaryDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty() targetShare: number;
  @ApiProperty({ format: 'date' }) deadline: string;
  @ApiProperty({ enum: TARGET_STATUSES }) status: TargetStatus;
  @ApiProperty({ type: ProjectionDto }) projection: ProjectionDto;
}

export class TrendPointDto {
  @ApiProperty({ format: 'date', description: 'month end (or the as-of date for the last point)' }) date: string;
  @ApiProperty() population: number;
  @ApiProperty() trained: number;
  @ApiProperty() share: number;
}

export class TargetTrendDto {
  @ApiProperty({ type: [TrendPointDto] }) points: TrendPointDto[];
  @ApiProperty({ type: [TrendPointDto], description: 'projection at the current pace, month by month to the deadline' }) projection: TrendPointDto[];
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
}

export class BreakdownRowDto extends FiguresDto {
  @ApiProperty({ description: 'unit id, category code or DT role code' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'unit rows: the unit has child units to drill into' }) hasChildren: boolean;
  @ApiProperty({ description: 'unit rows: people attached to the parent unit itself, not to a child' }) direct: boolean;
}

export class TargetBreakdownDto {
  @ApiProperty({ enum: BREAKDOWN_BY }) by: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentUnitId: string | null;
  @ApiProperty({ type: [BreakdownRowDto] }) rows: BreakdownRowDto[];
  @ApiProperty({ type: FiguresDto }) total: FiguresDto;
}

export class TargetPersonDto {
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: Number, nullable: true }) birthYear: number | null;
  @ApiProperty({ type: String, nullable: true }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() category: string;
  @ApiProperty() dtRole: string;
  @ApiProperty({ description: 'status on the as-of date' }) status: string;
  @ApiProperty({ type: String, nullable: true }) leaveKind: string | null;
  @ApiProperty() trained: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the completion that made the person count' }) trainedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) trainedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'internal | bdhvs | provincial_program | attendance' }) trainedSource: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'an open enrolment in one of the target courses' }) enrolmentCourseId: string | null;
  @ApiProperty({ type: String, nullable: true }) enrolmentCourseTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) enrolmentStatus: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) enrolmentDueDate: string | null;
  @ApiProperty({ type: Number, nullable: true }) enrolmentProgress: number | null;
}

export class TargetEnrolDto {
  @Uuid({ required: true }) courseId: string;
  @Uuid({ description: 'only the untrained people of this unit subtree' }) unitId?: string;
  @IsoDate({ nullable: true }) dueDate?: string | null;
}

export class TargetEnrolResultDto {
  @ApiProperty() untrained: number;
  @ApiProperty() enrolled: number;
  @ApiProperty() alreadyEnrolled: number;
}
