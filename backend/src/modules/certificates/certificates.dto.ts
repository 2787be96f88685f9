import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/dto';
import { Enum, Text, Uuid } from '../../common/validation/decorators';

export const CERTIFICATE_STATES = ['valid', 'revoked', 'expired'] as const;

export class CertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'public verification code' }) code: string;
  @ApiProperty({ example: '0012/2026/GCN' }) registerNo: string;
  @ApiProperty({ format: 'uuid' }) staffId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty() hours: number;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expiresOn: string | null;
  @ApiProperty({ enum: CERTIFICATE_STATES, description: 'valid, revoked, or expired (valid but past its expiry date)' }) state: string;
  @ApiProperty({ enum: ['auto', 'manual', 'reissue'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) revokeReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replacesId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replacedById: string | null;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ description: 'the public verification page (the QR code on the PDF)' }) verifyUrl: string;
}

export class CertificateListDto {
  @ApiProperty({ type: [CertificateDto] }) items: CertificateDto[];
}

export class ListCertificatesQueryDto extends PageQueryDto {
  @Uuid() courseId?: string;
  @Uuid() staffId?: string;
  @Enum(CERTIFICATE_STATES) state?: string;
  @Text({ max: 100 }) q?: string;
}

export class IssueCertificateDto {
  @Uuid({ required: true }) staffId: string;
  @Uuid({ required: true }) courseId: string;
}

export class RevokeCertificateDto {
  @Text({ max: 1000, min: 3, required: true, description: 'why (audited; shown on the verification page only as "revoked")' }) reason: string;
}

export class CertificateSettingsDto {
  @Text({ max: 200, min: 1, required: true, example: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA' }) issuerName: string;
  @Text({ max: 200, min: 1, required: true, example: 'CHỦ TỊCH' }) signerTitle: string;
  @Text({ max: 200, required: true }) signerName: string;
  @Text({ max: 100, min: 1, required: true, example: 'Đăk Bla' }) place: string;
}

export class VerifyParamDto {
  @ApiProperty({ example: 'K7M2QX9PLR4T' }) @Matches(/^[A-Za-z2-9]{1,40}$/) code: string;
}

export class VerificationDto {
  @ApiProperty({ enum: CERTIFICATE_STATES }) state: string;
  @ApiProperty() fullName: string;
  @ApiProperty() courseTitle: string;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expiresOn: string | null;
  @ApiProperty() registerNo: string;
  @ApiProperty() issuerName: string;
}
