import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors } from '../../common/http/api-page.decorator';
import { IdParamDto } from '../../common/http/params';
import { contentDisposition } from '../files/file-types';
import { FilesService } from '../files/files.service';
import {
  AttachmentPathDto, CourseItemPathDto, FileUploadDto, ReminderListDto, RemindersQueryDto, TrainerOptionListDto, TrainerOptionsQueryDto,
} from './course-files.dto';
import { CourseFilesService } from './course-files.service';
import { CourseRemindersService } from './course-reminders.service';
import { AttachmentDto, CourseResponseDto } from './courses.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { description: 'the stored file (Content-Disposition with filename*, nosniff, private caching)', schema: { type: 'string', format: 'binary' } };

/**
 * Cover images, lesson attachments, reminders and the trainer picker. Registered before CoursesController
 * (static paths such as courses/trainer-options first).
 */
@ApiTags('Courses')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('courses')
export class CourseFilesController {
  constructor(
    private readonly courseFiles: CourseFilesService,
    private readonly reminders: CourseRemindersService,
    private readonly files: FilesService,
  ) {}

  @Get('trainer-options')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: TrainerOptionListDto }) @ApiErrors(400, 401, 403)
  trainerOptions(@CurrentActor() actor: Actor, @Query() q: TrainerOptionsQueryDto): Promise<TrainerOptionListDto> {
    return this.reminders.trainerOptions(actor, q.q);
  }

  @Put(':id/cover')
  @RequirePermission(Permission.CourseManage)
  @ApiConsumes('multipart/form-data') @ApiBody({ type: FileUploadDto, description: 'PNG, JPEG or WebP, at most 2 MB' })
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  async setCover(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Req() req: FastifyRequest): Promise<CourseResponseDto> {
    const upload = await this.files.readUpload(req, 'cover');
    return this.courseFiles.setCover(actor, id, upload);
  }

  @Delete(':id/cover')
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  deleteCover(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<CourseResponseDto> {
    return this.courseFiles.deleteCover(actor, id);
  }

  @Get(':id/cover')
  @RequirePermission(Permission.Learn)
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse(FILE) @ApiErrors(400, 401, 404)
  async cover(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Res() reply: FastifyReply): Promise<void> {
    await this.courseFiles.sendCover(actor, id, reply);
  }

  @Post(':id/items/:itemId/attachments')
  @RequirePermission(Permission.CourseManage)
  @ApiConsumes('multipart/form-data') @ApiBody({ type: FileUploadDto, description: 'PDF, DOCX, PPTX, XLSX, PNG or JPEG, at most 10 MB; 10 per lesson' })
  @ApiCreatedResponse({ type: AttachmentDto }) @ApiErrors(400, 401, 403, 404, 409, 413, 415)
  async addAttachment(@CurrentActor() actor: Actor, @Param() p: CourseItemPathDto, @Req() req: FastifyRequest): Promise<AttachmentDto> {
    const upload = await this.files.readUpload(req, 'attachment');
    return this.courseFiles.addAttachment(actor, p.id, p.itemId, upload);
  }

  @Delete(':id/items/:itemId/attachments/:attachmentId')
  @HttpCode(204)
  @RequirePermission(Permission.CourseManage)
  @ApiNoContentResponse({ description: 'Đã xóa tệp đính kèm' }) @ApiErrors(400, 401, 403, 404, 409)
  deleteAttachment(@CurrentActor() actor: Actor, @Param() p: AttachmentPathDto): Promise<void> {
    return this.courseFiles.deleteAttachment(actor, p.id, p.itemId, p.attachmentId);
  }

  @Get(':id/items/:itemId/attachments/:attachmentId')
  @RequirePermission(Permission.Learn)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse(FILE) @ApiErrors(400, 401, 404, 409)
  async attachment(@CurrentActor() actor: Actor, @Param() p: AttachmentPathDto, @Res() reply: FastifyReply): Promise<void> {
    await this.courseFiles.sendAttachment(actor, p.id, p.itemId, p.attachmentId, reply);
  }

  @Get(':id/reminders')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: ReminderListDto }) @ApiErrors(400, 401, 403, 404)
  async listReminders(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: RemindersQueryDto): Promise<ReminderListDto> {
    return { items: (await this.reminders.reminders(actor, id, q.withinDays ?? 7)).items };
  }

  @Get(':id/reminders.xlsx')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Danh sách cần nhắc học (XLSX)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async remindersXlsx(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: RemindersQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.reminders.remindersXlsx(actor, id, q.withinDays ?? 7);
    await reply.type(XLSX).header('content-disposition', contentDisposition(f.fileName, false)).send(f.body);
  }
}
