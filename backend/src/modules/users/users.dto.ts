import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../common/auth/permissions';
import { PageQueryDto } from '../../common/http/dto';
import { Bool, IsVnEmail, Text, Username, Uuid } from '../../common/validation/decorators';

class RolesField {
  @ApiProperty({ enum: ROLES, isArray: true })
  @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique()
  @IsIn(ROLES as unknown as string[], { each: true, context: { values: ROLES.join(', ') } })
  @IsArray()
  roles: Role[];
}

export class CreateUserDto extends RolesField {
  @Username() username: string;
  @Text({ max: 200, min: 1, required: true }) displayName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsVnEmail() @MaxLength(254) email?: string | null;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password: string;
  @Uuid({ nullable: true }) scopeUnitId?: string | null;
  @Uuid({ nullable: true }) staffId?: string | null;
}

export class UpdateUserDto {
  @Text({ max: 200, min: 1 }) displayName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsVnEmail() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique()
  @IsIn(ROLES as unknown as string[], { each: true, context: { values: ROLES.join(', ') } })
  @IsArray()
  roles?: Role[];
  @Uuid({ nullable: true }) scopeUnitId?: string | null;
  @Uuid({ nullable: true }) staffId?: string | null;
  @Bool() isActive?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) newPassword: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @Text({ max: 100 }) q?: string;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) scopeUnitName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId: string | null;
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
