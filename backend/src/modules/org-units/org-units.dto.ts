import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Bool, Enum, IsoDate, NoControlChars, Text, Uuid } from '../../common/validation/decorators';
import { ORG_UNIT_TYPES, OrgUnitType } from './org-unit.entity';

const CODE = { max: 32, min: 1, example: 'VP-UBND' };

export class CreateOrgUnitDto {
  @Text({ ...CODE, required: true }) code: string;
  @Text({ max: 200, min: 1, required: true, example: 'Phòng Văn hóa - Xã hội' }) name: string;
  @Enum(ORG_UNIT_TYPES, { required: true }) type: OrgUnitType;
  @Uuid({ required: true, description: 'Đơn vị cấp trên' }) parentId: string;
  @ApiPropertyOptional({ type: [String], example: ['Phòng VHXH'] })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '') : value))
  // decorators run bottom-up: the list check comes first
  @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) @NoControlChars({ each: true })
  @IsArray()
  aliases?: string[];
  @IsoDate() validFrom?: string;
  @Bool() external?: boolean;
  @Bool() listedInPlan?: boolean;
}

export class UpdateOrgUnitDto {
  @Text(CODE) code?: string;
  @Text({ max: 200, min: 1 }) name?: string;
  @Enum(ORG_UNIT_TYPES) type?: OrgUnitType;
  @Uuid() parentId?: string;
  @ApiPropertyOptional({ type: [String] })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '') : value))
  // decorators run bottom-up: the list check comes first
  @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) @NoControlChars({ each: true })
  @IsArray()
  aliases?: string[];
  @IsoDate({ nullable: true }) validFrom?: string | null;
  @Bool() listedInPlan?: boolean;
}

export class CloseOrgUnitDto {
  @IsoDate({ required: true, description: 'Ngày ngừng hoạt động' }) validTo: string;
  @Text({ max: 500 }) reason?: string;
}

export class ListOrgUnitsQueryDto {
  @Bool({ query: true }) includeClosed?: boolean;
}

export class OrgUnitResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORG_UNIT_TYPES }) type: OrgUnitType;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ type: [String] }) aliases: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validTo: string | null;
  @ApiProperty() external: boolean;
  @ApiProperty() listedInPlan: boolean;
  @ApiProperty({ description: 'Số người đang công tác trực tiếp tại đơn vị' }) activeStaffCount: number;
}
