import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min,
  registerDecorator, ValidateIf, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, IsoDate, Text, Uuid } from '../../common/validation/decorators';
import { CLASS_STATUSES, CLASS_TYPES, MARK_SOURCES, MARK_STATUSES, RATE_BASES, SESSION_STATUSES } from './attendance-common';

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Time(required = true) {
  return (target: object, key: string) => {
    (required ? ApiProperty : ApiPropertyOptional)({ type: String, pattern: TIME_PATTERN.source, example: '07:30', description: 'giờ địa phương (Asia/Ho_Chi_Minh), HH:mm' })(target, key);
    if (!required) IsOptional()(target, key);
    IsString({ message: 'isString' })(target, key);
    Matches(TIME_PATTERN, { message: 'matches' })(target, key);
  };
}
/** the date check of IsoDate without its OpenAPI entry (until: documented as required, checked in the service) */
function IsoDateValue() {
  return (target: object, key: string) => registerDecorator({
    name: 'isIsoDate', target: target.constructor, propertyName: key,
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      },
    },
  });
}
function Coord(kind: 'lat' | 'lng') {
  const lim = kind === 'lat' ? 90 : 180;
  return (target: object, key: string) => {
    ApiPropertyOptional({ type: Number, nullable: true, minimum: -lim, maximum: lim })(target, key);
    ValidateIf((_, v) => v !== null && v !== undefined)(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    Min(-lim)(target, key);
    Max(lim)(target, key);
  };
}

// ------------------------------------------------------------------ classes

export class CheckInSettingsInputDto {
  @Int({ min: 0, max: 240 }) opensBeforeMinutes?: number;
  @Int({ min: 0, max: 600 }) closesAfterMinutes?: number;
  @Int({ min: 0, max: 240 }) lateAfterMinutes?: number;
  @Int({ min: 20, max: 5000, nullable: true }) geofenceRadiusM?: number | null;
  @Int({ min: 0, max: 240 }) deviceCooldownMinutes?: number;
  @Int({ min: 5, max: 60 }) stepSeconds?: number;
  @Bool() allowWalkIn?: boolean;
}

export class StatusWeightsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) present?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) late?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) left_early?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) excused?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) unexcused?: number;
}

export class AttendanceRuleInputDto {
  @ApiPropertyOptional({ enum: MARK_STATUSES, isArray: true, description: 'the enabled status set; must contain present and unexcused' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(MARK_STATUSES as unknown as string[], { each: true, context: { values: MARK_STATUSES.join(', ') } })
  statuses?: string[];
  @ApiPropertyOptional({ type: StatusWeightsDto }) @IsOptional() @ValidateNested() @Type(() => StatusWeightsDto) weights?: StatusWeightsDto;
  @Enum(RATE_BASES) rateBasis?: 'sessions' | 'hours';
  @Int({ min: 0, max: 100 }) minShare?: number;
}

class ClassFields {
  @Text({ max: 4000 }) description?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @Matches(UUID_RE, { each: true, message: 'isUuid' })
  trainerIds?: string[];
  @Text({ max: 300, nullable: true }) venueName?: string | null;
  @Text({ max: 500, nullable: true }) venueAddress?: string | null;
  @Coord('lat') venueLat?: number | null;
  @Coord('lng') venueLng?: number | null;
  @Int({ min: 1, max: 10000, nullable: true }) capacity?: number | null;
  @ApiPropertyOptional({ type: CheckInSettingsInputDto }) @IsOptional() @ValidateNested() @Type(() => CheckInSettingsInputDto) checkIn?: CheckInSettingsInputDto;
  @ApiPropertyOptional({ type: AttendanceRuleInputDto }) @IsOptional() @ValidateNested() @Type(() => AttendanceRuleInputDto) rule?: AttendanceRuleInputDto;
}

export class CreateClassDto extends ClassFields {
  @Text({ max: 40, min: 1, required: true, example: 'BDHVS-TDP3-2026' }) code: string;
  @Text({ max: 300, min: 1, required: true, example: 'Lớp "Bình dân học vụ số" Tổ dân phố 3' }) title: string;
  @Enum(CLASS_TYPES, { required: true }) classType: string;
  @Uuid({ nullable: true }) courseId?: string | null;
  @Uuid({ nullable: true, description: 'an attendance item of courseId fed by this class' }) courseItemId?: string | null;
  @Uuid({ required: true }) ownerUnitId: string;
  @Enum(['planned', 'enrolling'] as const) status?: string;
}

export class UpdateClassDto extends ClassFields {
  @Text({ max: 40, min: 1 }) code?: string;
  @Text({ max: 300, min: 1 }) title?: string;
  @Enum(CLASS_TYPES) classType?: string;
  @Uuid({ nullable: true }) courseId?: string | null;
  @Uuid({ nullable: true }) courseItemId?: string | null;
  @Uuid() ownerUnitId?: string;
}

export class ClassStatusDto {
  @Enum(CLASS_STATUSES, { required: true }) status: string;
  @Text({ max: 1000 }) reason?: string;
}

export class ListClassesQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
  @Enum(CLASS_STATUSES) status?: string;
  @Enum(CLASS_TYPES) classType?: string;
  @Uuid() unitId?: string;
  @Uuid() courseId?: string;
}

export class CheckInSettingsDto {
  @ApiProperty() opensBeforeMinutes: number;
  @ApiProperty() closesAfterMinutes: number;
  @ApiProperty() lateAfterMinutes: number;
  @ApiProperty({ type: Number, nullable: true }) geofenceRadiusM: number | null;
  @ApiProperty() deviceCooldownMinutes: number;
  @ApiProperty() stepSeconds: number;
  @ApiProperty() allowWalkIn: boolean;
}

export class AttendanceRuleDto {
  @ApiProperty({ enum: MARK_STATUSES, isArray: true }) statuses: string[];
  @ApiProperty({ type: StatusWeightsDto }) weights: Record<string, number>;
  @ApiProperty({ enum: RATE_BASES }) rateBasis: string;
  @ApiProperty() minShare: number;
}

export class ClassResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: CLASS_TYPES }) classType: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, nullable: true }) courseTitle: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseItemId: string | null;
  @ApiProperty({ format: 'uuid' }) ownerUnitId: string;
  @ApiProperty() ownerUnitName: string;
  @ApiProperty({ type: [String] }) trainerIds: string[];
  @ApiProperty({ type: String, nullable: true }) venueName: string | null;
  @ApiProperty({ type: String, nullable: true }) venueAddress: string | null;
  @ApiProperty({ type: Number, nullable: true }) venueLat: number | null;
  @ApiProperty({ type: Number, nullable: true }) venueLng: number | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ enum: CLASS_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty({ type: CheckInSettingsDto }) checkIn: CheckInSettingsDto;
  @ApiProperty({ type: AttendanceRuleDto }) rule: AttendanceRuleDto;
  @ApiProperty() sessionCount: number;
  @ApiProperty() rosterCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextSessionAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

// ------------------------------------------------------------------ sessions

class VenueFields {
  @Text({ max: 300, nullable: true }) topic?: string | null;
  @Text({ max: 300, nullable: true }) venueName?: string | null;
  @Text({ max: 500, nullable: true }) venueAddress?: string | null;
  @Coord('lat') venueLat?: number | null;
  @Coord('lng') venueLng?: number | null;
}

export class CreateSessionDto extends VenueFields {
  @IsoDate({ required: true, description: 'ngày địa phương' }) date: string;
  @Time() startTime: string;
  @Time() endTime: string;
}

export class CreateSeriesDto extends VenueFields {
  @IsoDate({ required: true }) startDate: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-06-27', description: 'ngày kết thúc của chuỗi: bắt buộc (một chuỗi không có ngày kết thúc bị từ chối với thông báo riêng)' })
  @IsOptional() @IsoDateValue() until?: string;
  @ApiProperty({ type: [Number], description: '1 = Thứ Hai … 7 = Chủ nhật', example: [6] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(7, { each: true })
  weekdays: number[];
  @Int({ min: 1, max: 8, default: 1 }) everyNWeeks?: number;
  @Time() startTime: string;
  @Time() endTime: string;
}

export class UpdateSessionDto extends VenueFields {
  @IsoDate() date?: string;
  @Time(false) startTime?: string;
  @Time(false) endTime?: string;
}

export class PostponeSessionDto {
  @Text({ max: 1000, min: 1, required: true }) reason: string;
  @ApiPropertyOptional({ type: CreateSessionDto }) @IsOptional() @ValidateNested() @Type(() => CreateSessionDto) makeUp?: CreateSessionDto;
}

export class CancelSessionDto {
  @Text({ max: 1000, min: 1, required: true }) reason: string;
}

export class SessionsQueryDto {
  @Enum(SESSION_STATUSES) status?: string;
}

export class SessionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) seriesId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) makeUpForId: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: '07:30' }) startTime: string;
  @ApiProperty({ example: '09:00' }) endTime: string;
  @ApiProperty() hours: number;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty({ type: String, nullable: true }) venueName: string | null;
  @ApiProperty({ type: String, nullable: true }) venueAddress: string | null;
  @ApiProperty({ type: Number, nullable: true }) venueLat: number | null;
  @ApiProperty({ type: Number, nullable: true }) venueLng: number | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty() markedCount: number;
  @ApiProperty() presentCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionResponseDto] }) items: SessionResponseDto[];
}
export class SeriesResultDto {
  @ApiProperty({ format: 'uuid' }) seriesId: string;
  @ApiProperty({ type: [SessionResponseDto] }) items: SessionResponseDto[];
}
export class PostponeResultDto {
  @ApiProperty({ type: SessionResponseDto }) session: SessionResponseDto;
  @ApiProperty({ type: SessionResponseDto, nullable: true }) makeUp: SessionResponseDto | null;
}

// ------------------------------------------------------------------ roster and residents

export class ResidentInputDto {
  @Text({ max: 200, min: 1, required: true, example: 'Y Bhăm' }) fullName: string;
  @Text({ max: 30, nullable: true, example: '0912345678' }) phone?: string | null;
  @Int({ min: 1900, max: 2100, nullable: true }) birthYear?: number | null;
  @Uuid({ description: 'residential group; default: the class owning unit' }) unitId?: string;
}

export class AddRosterDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ArrayUnique() @IsString({ each: true }) @Matches(UUID_RE, { each: true, message: 'isUuid' })
  staffIds?: string[];
  @ApiPropertyOptional({ type: [ResidentInputDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ResidentInputDto)
  residents?: ResidentInputDto[];
}

export class RosterMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['staff', 'resident'] }) kind: 'staff' | 'resident';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) residentId: string | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: Number, nullable: true }) birthYear: number | null;
  @ApiProperty({ type: String, nullable: true, example: '091****678' }) phoneMasked: string | null;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: ['manual', 'import', 'walk_in'] }) source: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class RosterListDto {
  @ApiProperty({ type: [RosterMemberDto] }) items: RosterMemberDto[];
}
export class RosterQueryDto {
  @Text({ max: 100 }) q?: string;
}

export class RosterMatchDto {
  @ApiProperty() index: number;
  @ApiPropertyOptional({ format: 'uuid' }) residentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) staffId?: string;
  @ApiProperty() fullName: string;
}
export class AddRosterResultDto {
  @ApiProperty({ type: [RosterMemberDto] }) added: RosterMemberDto[];
  @ApiProperty() alreadyOnRoster: number;
  @ApiProperty({ type: [RosterMatchDto] }) matched: RosterMatchDto[];
}

export class RosterParamDto {
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_RE, { message: 'isUuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_RE, { message: 'isUuid' }) rosterId: string;
}

export class RosterImportQueryDto {
  @Bool({ query: true }) dryRun?: boolean;
}
export class RosterImportUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'XLSX or CSV: Họ và tên, Số điện thoại, Năm sinh, Mã cán bộ' }) file: unknown;
}
export class ImportIssue {
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}
export class RosterImportRowDto {
  @ApiProperty() row: number;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, enum: ['staff', 'resident'], nullable: true }) kind: 'staff' | 'resident' | null;
  @ApiProperty({ enum: ['add', 'already', 'error'] }) status: 'add' | 'already' | 'error';
  @ApiPropertyOptional({ format: 'uuid' }) staffId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) residentId?: string;
  @ApiProperty({ type: [ImportIssue] }) errors: ImportIssue[];
}
export class RosterImportResultDto {
  @ApiProperty({ type: [RosterImportRowDto] }) rows: RosterImportRowDto[];
  @ApiProperty() added: number;
  @ApiProperty() already: number;
  @ApiProperty() errorCount: number;
  @ApiProperty() committed: boolean;
}

export class ResidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: Number, nullable: true }) birthYear: number | null;
  @ApiProperty({ type: String, nullable: true }) phoneMasked: string | null;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
}
export class ResidentsQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
  @Text({ max: 30 }) phone?: string;
  @Uuid() unitId?: string;
}

// ------------------------------------------------------------------ marks

export class MarkRowDto {
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty({ enum: MARK_STATUSES }) status: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 600, nullable: true }) lateMinutes?: number | null;
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) remark?: string | null;
  @ApiProperty({ format: 'date-time', description: 'the device clock when the trainer marked (offline sync)' }) markedAt: string;
  @ApiPropertyOptional({ maxLength: 1000, description: 'needed for marks made more than 30 minutes after the session end' }) reason?: string;
}

export class SaveMarksDto {
  @ApiProperty({ type: [MarkRowDto], description: 'each row is checked on its own: a bad row is reported, the others are saved' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @IsObject({ each: true, message: 'isObject' })
  marks: Record<string, unknown>[];
  @Text({ max: 1000, description: 'reason for every row without its own (changes after the session)' }) reason?: string;
}

export class MarkDto {
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['staff', 'resident'] }) kind: string;
  @ApiProperty({ type: String, enum: MARK_STATUSES, nullable: true }) status: string | null;
  @ApiProperty({ type: Number, nullable: true }) lateMinutes: number | null;
  @ApiProperty({ type: String, nullable: true }) remark: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) markedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) markedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) markedByName: string | null;
  @ApiProperty({ type: String, enum: MARK_SOURCES, nullable: true }) source: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class MarkCountsDto {
  @ApiProperty() present: number;
  @ApiProperty() late: number;
  @ApiProperty() left_early: number;
  @ApiProperty() excused: number;
  @ApiProperty() unexcused: number;
  @ApiProperty() unmarked: number;
  @ApiProperty() total: number;
}

export class SessionMarksDto {
  @ApiProperty({ type: SessionResponseDto }) session: SessionResponseDto;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty() classTitle: string;
  @ApiProperty({ type: AttendanceRuleDto }) rule: AttendanceRuleDto;
  @ApiProperty({ type: [MarkDto] }) items: MarkDto[];
  @ApiProperty({ type: MarkCountsDto }) counts: MarkCountsDto;
  @ApiProperty({ format: 'date-time' }) serverTime: string;
}

export class MarkResultDto {
  @ApiProperty() index: number;
  @ApiProperty({ type: String, nullable: true }) rosterId: string | null;
  @ApiProperty({ enum: ['saved', 'unchanged', 'superseded', 'error'] }) result: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ type: MarkDto }) mark?: MarkDto;
}

export class SaveMarksResultDto {
  @ApiProperty({ type: [MarkResultDto] }) results: MarkResultDto[];
  @ApiProperty() saved: number;
  @ApiProperty() superseded: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() errors: number;
  @ApiProperty({ type: MarkCountsDto }) counts: MarkCountsDto;
}

export class HistoryQueryDto {
  @Uuid() rosterId?: string;
}

export class MarkHistoryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) oldStatus: string | null;
  @ApiProperty() newStatus: string;
  @ApiProperty({ type: Number, nullable: true }) oldLateMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true }) newLateMinutes: number | null;
  @ApiProperty({ type: String, nullable: true }) oldRemark: string | null;
  @ApiProperty({ type: String, nullable: true }) newRemark: string | null;
  @ApiProperty({ format: 'date-time' }) markedAt: string;
  @ApiProperty() applied: boolean;
  @ApiProperty({ enum: MARK_SOURCES }) source: string;
  @ApiProperty({ type: String, nullable: true }) changedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) changedByName: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() afterSessionEnd: boolean;
}
export class MarkHistoryListDto {
  @ApiProperty({ type: [MarkHistoryDto] }) items: MarkHistoryDto[];
}

// ------------------------------------------------------------------ check-in

export class CheckInWindowDto {
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty() open: boolean;
}
export class GeofenceDto {
  @ApiProperty() radiusM: number;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}
export class CheckInScreenDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() token: string;
  @ApiProperty({ example: '042917' }) code: string;
  @ApiProperty({ example: '/check-in?t=…' }) path: string;
  @ApiProperty() stepSeconds: number;
  @ApiProperty({ format: 'date-time' }) validUntil: string;
  @ApiProperty({ format: 'date-time' }) serverTime: string;
  @ApiProperty({ type: CheckInWindowDto }) window: CheckInWindowDto;
  @ApiProperty({ type: GeofenceDto, nullable: true }) geofence: GeofenceDto | null;
  @ApiProperty({ type: MarkCountsDto }) counts: MarkCountsDto;
}

export class LiveQueryDto {
  @ApiPropertyOptional({ description: 'cursor from the previous answer' })
  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'matches' }) after?: string;
}
export class LiveItemDto {
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['staff', 'resident'] }) kind: string;
  @ApiProperty({ enum: MARK_STATUSES }) status: string;
  @ApiProperty({ type: Number, nullable: true }) lateMinutes: number | null;
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
  @ApiProperty({ enum: MARK_SOURCES }) source: string;
}
export class LiveListDto {
  @ApiProperty({ type: [LiveItemDto] }) items: LiveItemDto[];
  @ApiProperty() cursor: string;
  @ApiProperty({ type: MarkCountsDto }) counts: MarkCountsDto;
}

export class LocationDto {
  @ApiProperty({ minimum: -90, maximum: 90 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiProperty({ minimum: -180, maximum: 180 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lng: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100000) accuracyM?: number;
}
export class CheckInResidentDto {
  @Text({ max: 200, min: 1, required: true }) fullName: string;
  @ApiProperty({ example: '0912345678' }) @IsString() @MaxLength(30) phone: string;
  @Int({ min: 1900, max: 2100, nullable: true }) birthYear?: number | null;
}

export class ResolveCheckInDto {
  @ApiPropertyOptional({ description: 'the rotating token from the QR URL' }) @IsOptional() @IsString() @MaxLength(200) token?: string;
  @ApiPropertyOptional({ description: 'the 6-digit code typed from the screen' }) @IsOptional() @IsString() @MaxLength(20) code?: string;
  @Uuid({ description: 'the session of the URL, when known' }) sessionId?: string;
  @ApiPropertyOptional({ description: 'the token this browser keeps in localStorage' }) @IsOptional() @IsString() @MaxLength(100) deviceToken?: string;
}

export class CheckInDto extends ResolveCheckInDto {
  @ApiPropertyOptional({ description: 'from /check-in/resolve (valid 5 minutes)' }) @IsOptional() @IsString() @MaxLength(200) ticket?: string;
  @ApiPropertyOptional({ type: CheckInResidentDto }) @IsOptional() @ValidateNested() @Type(() => CheckInResidentDto) resident?: CheckInResidentDto;
  @ApiPropertyOptional({ type: LocationDto }) @IsOptional() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @Enum(['denied', 'unavailable', 'timeout'] as const) locationError?: 'denied' | 'unavailable' | 'timeout';
}

export class CheckInSessionInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() classTitle: string;
  @ApiProperty({ type: String, nullable: true }) topic: string | null;
  @ApiProperty() date: string;
  @ApiProperty() startTime: string;
  @ApiProperty() endTime: string;
  @ApiProperty({ type: String, nullable: true }) venueName: string | null;
}
export class CheckInIdentityDto {
  @ApiProperty({ enum: ['staff', 'resident', 'none'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
}
export class ResolveResultDto {
  @ApiProperty() ticket: string;
  @ApiProperty({ format: 'date-time' }) ticketExpiresAt: string;
  @ApiProperty() deviceToken: string;
  @ApiProperty({ type: CheckInSessionInfoDto }) session: CheckInSessionInfoDto;
  @ApiProperty({ type: CheckInIdentityDto }) identity: CheckInIdentityDto;
  @ApiProperty() requiresLocation: boolean;
  @ApiProperty({ type: CheckInWindowDto }) window: CheckInWindowDto;
}
export class CheckInResultDto {
  @ApiProperty({ enum: ['checked_in'] }) result: 'checked_in';
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['present', 'late'] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) lateMinutes: number | null;
  @ApiProperty({ format: 'date-time' }) checkedInAt: string;
  @ApiProperty() deviceToken: string;
  @ApiProperty() classTitle: string;
}

// ------------------------------------------------------------------ reports

export class YearQueryDto {
  @Int({ min: 2000, max: 2100, query: true }) year?: number;
}

export class ReportCellDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: String, enum: MARK_STATUSES, nullable: true }) status: string | null;
  @ApiProperty({ type: Number, nullable: true }) lateMinutes: number | null;
}
export class ReportRowDto {
  @ApiProperty({ format: 'uuid' }) rosterId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['staff', 'resident'] }) kind: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: [ReportCellDto] }) cells: ReportCellDto[];
  @ApiProperty() attendedSessions: number;
  @ApiProperty() rateSoFar: number;
  @ApiProperty() share: number;
  @ApiProperty() maxReachable: number;
  @ApiProperty() hours: number;
  @ApiProperty() atRisk: boolean;
  @ApiProperty() completed: boolean;
}
export class ReportSessionDto extends SessionResponseDto {
  @ApiProperty() held: boolean;
}
export class ClassReportTotalsDto {
  @ApiProperty() rosterCount: number;
  @ApiProperty() sessionsHeld: number;
  @ApiProperty() sessionsScheduled: number;
  @ApiProperty() averageRate: number;
  @ApiProperty() hours: number;
}
export class ClassReportDto {
  @ApiProperty({ type: ClassResponseDto }) class: ClassResponseDto;
  @ApiProperty({ type: AttendanceRuleDto }) rule: AttendanceRuleDto;
  @ApiProperty({ type: [ReportSessionDto] }) sessions: ReportSessionDto[];
  @ApiProperty({ type: [ReportRowDto] }) rows: ReportRowDto[];
  @ApiProperty({ type: [String] }) atRisk: string[];
  @ApiProperty({ type: ClassReportTotalsDto }) totals: ClassReportTotalsDto;
}

export class PersonInfoDto {
  @ApiProperty({ enum: ['staff', 'resident'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() unitName: string;
}
export class PersonClassDto {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty() classTitle: string;
  @ApiProperty({ enum: CLASS_TYPES }) classType: string;
  @ApiProperty() sessions: number;
  @ApiProperty() attended: number;
  @ApiProperty() share: number;
  @ApiProperty() hours: number;
}
export class PersonSessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty() classTitle: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty() date: string;
  @ApiProperty() startTime: string;
  @ApiProperty() endTime: string;
  @ApiProperty({ type: String, enum: MARK_STATUSES, nullable: true }) status: string | null;
  @ApiProperty() hours: number;
}
export class PersonReportDto {
  @ApiProperty({ type: PersonInfoDto }) person: PersonInfoDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: [PersonClassDto] }) classes: PersonClassDto[];
  @ApiProperty({ type: [PersonSessionDto] }) sessions: PersonSessionDto[];
  @ApiProperty() totalHours: number;
  @ApiProperty() attendedSessions: number;
}

export class UnitReportRowDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty() unitName: string;
  @ApiProperty() classesHeld: number;
  @ApiProperty() sessionsHeld: number;
  @ApiProperty({ description: 'distinct persons (người)' }) distinctParticipants: number;
  @ApiProperty() distinctResidents: number;
  @ApiProperty() distinctStaff: number;
  @ApiProperty({ description: 'person-attendances (lượt người)' }) personAttendances: number;
  @ApiProperty() hours: number;
}
export class UnitInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}
export class UnitReportDto {
  @ApiProperty({ type: UnitInfoDto }) unit: UnitInfoDto;
  @ApiProperty() year: number;
  @ApiProperty({ type: Object, additionalProperties: { type: 'string' } }) labels: Record<string, string>;
  @ApiProperty({ type: [UnitReportRowDto] }) rows: UnitReportRowDto[];
  @ApiProperty({ type: UnitReportRowDto }) total: UnitReportRowDto;
}
