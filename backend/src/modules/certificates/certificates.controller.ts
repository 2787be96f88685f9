import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Public, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import {
  CertificateDto, CertificateListDto, CertificateSettingsDto, IssueCertificateDto, ListCertificatesQueryDto, RevokeCertificateDto,
  VerificationDto, VerifyParamDto,
} from './certificates.dto';
import { CertificatesService } from './certificates.service';

const PDF = { schema: { type: 'string', format: 'binary' } } as const;

@ApiTags('Certificates')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(private readonly certs: CertificatesService) {}

  @Get('certificates')
  @RequirePermission(Permission.CourseRead)
  @ApiPage(CertificateDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListCertificatesQueryDto, @Req() req: FastifyRequest): Promise<Page<CertificateDto>> {
    return this.certs.list(actor, q, this.certs.baseUrl(req));
  }

  @Post('certificates')
  @RequirePermission(Permission.CompletionReview)
  @ApiCreatedResponse({ type: CertificateDto }) @ApiErrors(400, 401, 403, 404, 409)
  issue(@CurrentActor() actor: Actor, @Body() dto: IssueCertificateDto, @Req() req: FastifyRequest): Promise<CertificateDto> {
    return this.certs.issue(actor, dto, this.certs.baseUrl(req));
  }

  @Get('certificate-settings')
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: CertificateSettingsDto }) @ApiErrors(401, 403)
  settings(): Promise<CertificateSettingsDto> {
    return this.certs.settings();
  }

  @Put('certificate-settings')
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: CertificateSettingsDto }) @ApiErrors(400, 401, 403)
  saveSettings(@CurrentActor() actor: Actor, @Body() dto: CertificateSettingsDto): Promise<CertificateSettingsDto> {
    return this.certs.saveSettings(actor, dto);
  }

  @Get('me/certificates')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: CertificateListDto }) @ApiErrors(401, 403)
  mine(@CurrentActor() actor: Actor, @Req() req: FastifyRequest): Promise<CertificateListDto> {
    return this.certs.mine(actor, this.certs.baseUrl(req));
  }

  @Get('certificates/:id')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: CertificateDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Req() req: FastifyRequest): Promise<CertificateDto> {
    return this.certs.get(actor, id, this.certs.baseUrl(req));
  }

  @Get('certificates/:id/certificate.pdf')
  @RequirePermission(Permission.Learn)
  @ApiProduces('application/pdf') @ApiOkResponse({ description: 'Giấy chứng nhận (PDF, A4 ngang, mã QR xác minh)', ...PDF })
  @ApiErrors(400, 401, 403, 404)
  async pdf(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.certs.pdf(actor, id, this.certs.baseUrl(req));
    await reply.type('application/pdf').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  }

  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @RequirePermission(Permission.CompletionReview)
  @ApiOkResponse({ type: CertificateDto }) @ApiErrors(400, 401, 403, 404, 409)
  revoke(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: RevokeCertificateDto, @Req() req: FastifyRequest): Promise<CertificateDto> {
    return this.certs.revoke(actor, id, dto, this.certs.baseUrl(req));
  }

  @Post('certificates/:id/reissue')
  @RequirePermission(Permission.CompletionReview)
  @ApiCreatedResponse({ type: CertificateDto }) @ApiErrors(400, 401, 403, 404, 409)
  reissue(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: RevokeCertificateDto, @Req() req: FastifyRequest): Promise<CertificateDto> {
    return this.certs.reissue(actor, id, dto, this.certs.baseUrl(req));
  }

  @Get('courses/:id/certificates.zip')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces('application/zip') @ApiOkResponse({ description: 'Giấy chứng nhận còn hiệu lực của khóa học (ZIP các tệp PDF)', ...PDF })
  @ApiErrors(400, 401, 403, 404)
  zip(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.certs.zip(actor, id, this.certs.baseUrl(req), reply);
  }

  @Get('verify/:code')
  @Public()
  @ApiOkResponse({ type: VerificationDto }) @ApiErrors(400, 404)
  verify(@Param() { code }: VerifyParamDto): Promise<VerificationDto> {
    return this.certs.verify(code);
  }
}
