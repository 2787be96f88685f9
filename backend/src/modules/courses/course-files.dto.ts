import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Int, Text } from '../../common/validation/decorators';
import { EnrolmentResponseDto } from './courses.dto';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class FileUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'the file (multipart/form-data, field "file")' }) file: unknown;
}

export class CourseItemPathDto {
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_RE, { message: 'isUuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_RE, { message: 'isUuid' }) itemId: string;
}

export class AttachmentPathDto extends CourseItemPathDto {
  @ApiProperty({ format: 'uuid' }) @Matches(UUID_RE, { message: 'isUuid' }) attachmentId: string;
}

export class RemindersQueryDto {
  @Int({ min: 0, max: 365, query: true, default: 7 }) withinDays?: number;
}

export class ReminderDto {
  @ApiProperty({ type: EnrolmentResponseDto }) enrolment: EnrolmentResponseDto;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ description: 'days past the due date (negative: due in that many days)' }) daysOverdue: number;
}

export class ReminderListDto {
  @ApiProperty({ type: [ReminderDto] }) items: ReminderDto[];
}

export class TrainerOptionsQueryDto {
  @Text({ max: 100 }) q?: string;
}

export class TrainerOptionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true, description: "the user's scope unit" }) unitName: string | null;
}

export class TrainerOptionListDto {
  @ApiProperty({ type: [TrainerOptionDto] }) items: TrainerOptionDto[];
}
