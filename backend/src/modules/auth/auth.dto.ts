import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../../common/auth/permissions';

export class LoginDto {
  @ApiProperty({ description: 'Tên đăng nhập hoặc email', example: 'manager' })
  @IsString() @MinLength(1) @MaxLength(254) login: string;
  @ApiProperty({ example: 'mật-khẩu' })
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) oldPassword: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) newPassword: string;
}

export class MeResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeUnitId: string | null;
  @ApiProperty({ type: String, nullable: true }) scopeUnitName: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId: string | null;
  @ApiProperty() mustChangePassword: boolean;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for scripts (the SPA uses the httpOnly cookie)' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: MeResponseDto }) user: MeResponseDto;
}
