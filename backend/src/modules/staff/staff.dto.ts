import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, Enum, Int, IsoDate, IsVnEmail, IsVnMobile, Text, Uuid } from '../../common/validation/decorators';
import {
  DT_ROLES, DtRole, Gender, GENDERS, LEAVE_KINDS, LeaveKind, STAFF_CATEGORIES, STAFF_STATUSES, StaffCategory, StaffStatus,
} from './staff-member.entity';

const maxYear = new Date().getFullYear();

export class CreateStaffDto {
  @Text({ max: 40, min: 1, nullable: true, description: 'Mã cán bộ (khóa khi nhập từ Excel)' }) staffCode?: string | null;
  @Text({ max: 80, description: 'Họ (có thể trống, ví dụ "A Hùng")' }) familyName?: string;
  @Text({ max: 80, description: 'Chữ đệm' }) middleName?: string;
  @Text({ max: 80, min: 1, required: true, description: 'Tên' }) givenName: string;
  @Text({ max: 200, min: 1, description: 'Họ và tên; mặc định ghép từ họ, chữ đệm, tên' }) fullName?: string;
  @Enum(GENDERS, { nullable: true }) gender?: Gender | null;
  @Int({ min: 1900, max: maxYear, nullable: true }) birthYear?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsVnEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '0912345678' }) @IsOptional() @IsVnMobile() phone?: string | null;
  @Uuid({ required: true }) unitId: string;
  @Text({ max: 200, nullable: true }) position?: string | null;
  @Enum(STAFF_CATEGORIES, { required: true }) category: StaffCategory;
  @Enum(DT_ROLES) dtRole?: DtRole;
  @Bool() isLeadership?: boolean;
  @Uuid({ nullable: true }) communityDigitalTeamId?: string | null;
  @Enum(STAFF_STATUSES) status?: StaffStatus;
  @Enum(LEAVE_KINDS, { nullable: true }) leaveKind?: LeaveKind | null;
  @IsoDate({ description: 'Ngày có hiệu lực của trạng thái / đơn vị / vai trò' }) statusSince?: string;
  @Text({ max: 1000, nullable: true }) note?: string | null;
}

export class UpdateStaffDto {
  @Text({ max: 40, min: 1, nullable: true }) staffCode?: string | null;
  @Text({ max: 80 }) familyName?: string;
  @Text({ max: 80 }) middleName?: string;
  @Text({ max: 80, min: 1 }) givenName?: string;
  @Text({ max: 200, min: 1 }) fullName?: string;
  @Enum(GENDERS, { nullable: true }) gender?: Gender | null;
  @Int({ min: 1900, max: maxYear, nullable: true }) birthYear?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsVnEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsVnMobile() phone?: string | null;
  @Uuid() unitId?: string;
  @Text({ max: 200, nullable: true }) position?: string | null;
  @Enum(STAFF_CATEGORIES) category?: StaffCategory;
  @Enum(DT_ROLES) dtRole?: DtRole;
  @Bool() isLeadership?: boolean;
  @Uuid({ nullable: true }) communityDigitalTeamId?: string | null;
  @Enum(STAFF_STATUSES) status?: StaffStatus;
  @Enum(LEAVE_KINDS, { nullable: true }) leaveKind?: LeaveKind | null;
  @IsoDate() statusSince?: string;
  @Text({ max: 1000, nullable: true }) note?: string | null;
}

export class ListStaffQueryDto extends PageQueryDto {
  @Text({ max: 100, description: 'Tìm theo tên (không phân biệt dấu, hoa thường), mã cán bộ, email' }) q?: string;
  @Uuid({ description: 'Đơn vị (gồm cả đơn vị trực thuộc)' }) unitId?: string;
  @Enum(STAFF_CATEGORIES) category?: StaffCategory;
  @Enum(DT_ROLES) dtRole?: DtRole;
  @Enum(STAFF_STATUSES) status?: StaffStatus;
}

export class StaffResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) staffCode: string | null;
  @ApiProperty() familyName: string;
  @ApiProperty() middleName: string;
  @ApiProperty() givenName: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: GENDERS, nullable: true }) gender: Gender | null;
  @ApiProperty({ type: Number, nullable: true }) birthYear: number | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
  @ApiProperty({ enum: STAFF_CATEGORIES }) category: StaffCategory;
  @ApiProperty({ enum: DT_ROLES }) dtRole: DtRole;
  @ApiProperty() isLeadership: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) communityDigitalTeamId: string | null;
  @ApiProperty({ enum: STAFF_STATUSES }) status: StaffStatus;
  @ApiProperty({ enum: LEAVE_KINDS, nullable: true }) leaveKind: LeaveKind | null;
  @ApiProperty({ format: 'date' }) statusSince: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() hasAccount: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class StaffHistoryEntryDto {
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'exclusive end' }) validTo: string | null;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: STAFF_CATEGORIES }) category: StaffCategory;
  @ApiProperty({ enum: DT_ROLES }) dtRole: DtRole;
  @ApiProperty({ enum: STAFF_STATUSES }) status: StaffStatus;
  @ApiProperty({ enum: LEAVE_KINDS, nullable: true }) leaveKind: LeaveKind | null;
}

export class StaffHistoryResponseDto {
  @ApiProperty({ type: [StaffHistoryEntryDto] }) items: StaffHistoryEntryDto[];
}
