import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { Bool, IsoDate, Text, Uuid } from '../../common/validation/decorators';

export class NarrativeDto {
  @ApiPropertyOptional({ description: 'I. Công tác chỉ đạo, triển khai' }) @IsOptional() @IsString() @MaxLength(20000) direction?: string;
  @ApiPropertyOptional({ description: 'II. Kết quả thực hiện (the figures are added by the system)' }) @IsOptional() @IsString() @MaxLength(20000) results?: string;
  @ApiPropertyOptional({ description: 'III. Tồn tại, hạn chế' }) @IsOptional() @IsString() @MaxLength(20000) shortcomings?: string;
  @ApiPropertyOptional({ description: 'Nguyên nhân' }) @IsOptional() @IsString() @MaxLength(20000) causes?: string;
  @ApiPropertyOptional({ description: 'IV. Nhiệm vụ thời gian tới' }) @IsOptional() @IsString() @MaxLength(20000) nextTasks?: string;
  @ApiPropertyOptional({ description: 'V. Kiến nghị, đề xuất' }) @IsOptional() @IsString() @MaxLength(20000) recommendations?: string;
}

class ReportFieldsDto {
  @Text({ max: 500, min: 1 }) title?: string;
  @Text({ max: 60, example: '123/BC-UBND' }) docNumber?: string;
  @Text({ max: 100, example: 'Đăk Bla' }) place?: string;
  @IsoDate({ nullable: true, description: 'the date written on the report ("Đăk Bla, ngày … tháng … năm …"); default the submission date' }) reportDate?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi', 'Lưu: VT, VHXH'] })
  @IsOptional() @IsString({ each: true }) @MaxLength(300, { each: true }) @ArrayMaxSize(20) @IsArray()
  recipients?: string[];
  @Text({ max: 200, example: 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH' }) signerTitle?: string;
  @Text({ max: 200 }) signerName?: string;
  @ApiPropertyOptional({ type: NarrativeDto }) @IsOptional() @IsObject() narrative?: NarrativeDto;
  @Bool() includePolice?: boolean;
  @Bool() estimated?: boolean;
}

export class CreateReportDto extends ReportFieldsDto {
  @Uuid({ required: true, description: 'the reporting ward' }) unitId: string;
  @Text({ max: 200, min: 1, required: true, example: '6 tháng đầu năm 2026' }) periodLabel: string;
  @IsoDate({ required: true }) periodStart: string;
  @IsoDate({ required: true, description: 'figures are computed as of this day (15/6 and 15/12 by default)' }) cutOff: string;
}

export class UpdateReportDto extends ReportFieldsDto {
  @Text({ max: 200, min: 1 }) periodLabel?: string;
  @IsoDate() periodStart?: string;
  @IsoDate() cutOff?: string;
}

export class SubmitReportDto {
  @Text({ max: 1000, description: 'written to the audit row' }) note?: string;
}

export class ReportPeriodDto {
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) cutOff: string;
}

export class ReportPeriodListDto {
  @ApiProperty({ type: [ReportPeriodDto] }) items: ReportPeriodDto[];
}

export class ReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() title: string;
  @ApiProperty() periodLabel: string;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) cutOff: string;
  @ApiProperty() docNumber: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersededById: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReportListDto {
  @ApiProperty({ type: [ReportSummaryDto] }) items: ReportSummaryDto[];
}

export class ReportDto extends ReportSummaryDto {
  @ApiProperty() place: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) reportDate: string | null;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty() signerTitle: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ type: NarrativeDto }) narrative: NarrativeDto;
  @ApiProperty() includePolice: boolean;
  @ApiProperty() estimated: boolean;
  @ApiProperty({ type: Object, description: 'Biểu 01-03 as of the cut-off: computed now for a draft, frozen for a submitted report' })
  figures: Record<string, unknown>;
}
