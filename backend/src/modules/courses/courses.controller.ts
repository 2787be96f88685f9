import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import {
  CatalogueQueryDto, CourseIdParamDto, CourseStatusChangeDto, CourseItemParamDto, CourseResponseDto, CreateCourseDto, CreateRuleDto, DuplicateCourseDto, EnrolDto,
  EnrolmentResponseDto, EnrolmentRuleDto, EnrolmentRuleListDto, EnrolResultDto, ExportQueryDto, LearningCourseDto, ListCoursesQueryDto,
  ListEnrolmentsQueryDto, MyLearningDto, MyLearningQueryDto, OutlineResponseDto, PlayerDto, ProgressEventDto, ProgressQueryDto,
  ProgressTableDto, ReasonDto, RenewalResultDto, RunRenewalsDto, SaveOutlineDto, SelfEnrolDto, StaffLearningDto, UpdateCourseDto,
} from './courses.dto';
import { CoursesService } from './courses.service';
import { EnrolmentsService } from './enrolments.service';
import { LearningService } from './learning.service';
import { RenewalsService } from './renewals.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('Courses')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrolments: EnrolmentsService,
    private readonly renewals: RenewalsService,
  ) {}

  @Get()
  @RequirePermission(Permission.CourseRead)
  @ApiPage(CourseResponseDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListCoursesQueryDto): Promise<Page<CourseResponseDto>> {
    return this.courses.list(actor, q);
  }

  @Post()
  @RequirePermission(Permission.CourseManage)
  @ApiCreatedResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCourseDto): Promise<CourseResponseDto> {
    return this.courses.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<CourseResponseDto> {
    return this.courses.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateCourseDto): Promise<CourseResponseDto> {
    return this.courses.update(actor, id, dto);
  }

  @Get(':id/outline')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: OutlineResponseDto }) @ApiErrors(400, 401, 403, 404)
  outline(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<OutlineResponseDto> {
    return this.courses.outline(actor, id);
  }

  @Put(':id/outline')
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: OutlineResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  saveOutline(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: SaveOutlineDto): Promise<OutlineResponseDto> {
    return this.courses.saveOutline(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  publish(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CourseStatusChangeDto): Promise<CourseResponseDto> {
    return this.courses.publish(actor, id, dto.note);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404)
  archive(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CourseStatusChangeDto): Promise<CourseResponseDto> {
    return this.courses.archive(actor, id, dto.note);
  }

  @Post(':id/duplicate')
  @RequirePermission(Permission.CourseManage)
  @ApiCreatedResponse({ type: CourseResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  duplicate(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: DuplicateCourseDto): Promise<CourseResponseDto> {
    return this.courses.duplicate(actor, id, dto);
  }

  @Get(':id/enrolments')
  @RequirePermission(Permission.CourseRead)
  @ApiPage(EnrolmentResponseDto) @ApiErrors(400, 401, 403, 404)
  listEnrolments(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ListEnrolmentsQueryDto): Promise<Page<EnrolmentResponseDto>> {
    return this.enrolments.list(actor, id, q);
  }

  @Post(':id/enrolments')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: EnrolResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  enrol(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: EnrolDto): Promise<EnrolResultDto> {
    return this.enrolments.enrol(actor, id, dto);
  }

  /**
   * Re-enrolment before expiry, now: everyone of the caller's scope whose latest valid certificate of the course expires
   * within the course's renewalLeadDays is enrolled again (due on the expiry date), as the hourly job would. Idempotent.
   */
  @Post(':id/renewals')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: RenewalResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  runRenewals(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: RunRenewalsDto): Promise<RenewalResultDto> {
    return this.renewals.runForCourse(actor, id, dto.note);
  }

  @Get(':id/enrolment-rules')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: EnrolmentRuleListDto }) @ApiErrors(400, 401, 403, 404)
  rules(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<EnrolmentRuleListDto> {
    return this.enrolments.listRules(actor, id);
  }

  @Post(':id/enrolment-rules')
  @RequirePermission(Permission.CourseManage)
  @ApiCreatedResponse({ type: EnrolmentRuleDto }) @ApiErrors(400, 401, 403, 404, 409)
  createRule(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CreateRuleDto): Promise<EnrolmentRuleDto> {
    return this.enrolments.createRule(actor, id, dto);
  }

  @Get(':id/progress')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: ProgressTableDto }) @ApiErrors(400, 401, 403, 404)
  progress(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ProgressQueryDto): Promise<ProgressTableDto> {
    return this.enrolments.progressTable(actor, id, q);
  }

  @Get(':id/progress.xlsx')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Bảng tiến độ (XLSX)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async progressXlsx(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.enrolments.export(actor, id, q, 'xlsx');
    await reply.type(XLSX).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  }

  @Get(':id/progress.csv')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Bảng tiến độ (CSV, UTF-8 có BOM, phân cách ;)', schema: { type: 'string', format: 'binary' } }) @ApiErrors(400, 401, 403, 404)
  async progressCsv(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.enrolments.export(actor, id, q, 'csv');
    await reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
  }
}

@ApiTags('Enrolments')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  @Post('enrolments/:id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: EnrolmentResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: ReasonDto): Promise<EnrolmentResponseDto> {
    return this.enrolments.close(actor, id, 'withdrawn', dto.reason);
  }

  @Post('enrolments/:id/exempt')
  @HttpCode(200)
  @RequirePermission(Permission.CourseManage)
  @ApiOkResponse({ type: EnrolmentResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  exempt(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: ReasonDto): Promise<EnrolmentResponseDto> {
    return this.enrolments.close(actor, id, 'exempted', dto.reason);
  }

  @Delete('enrolment-rules/:id')
  @HttpCode(204)
  @RequirePermission(Permission.CourseManage)
  @ApiNoContentResponse({ description: 'Đã ngừng quy tắc (các ghi danh giữ nguyên)' }) @ApiErrors(400, 401, 403, 404)
  deleteRule(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.enrolments.deleteRule(actor, id);
  }

  @Get('staff/:id/learning')
  @RequirePermission(Permission.CourseRead)
  @ApiOkResponse({ type: StaffLearningDto }) @ApiErrors(400, 401, 403, 404)
  staffLearning(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<StaffLearningDto> {
    return this.enrolments.staffLearning(actor, id);
  }
}

@ApiTags('Learning')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class LearningController {
  constructor(private readonly learning: LearningService) {}

  @Get('catalogue')
  @RequirePermission(Permission.Learn)
  @ApiPage(CourseResponseDto) @ApiErrors(400, 401)
  catalogue(@CurrentActor() actor: Actor, @Query() q: CatalogueQueryDto): Promise<Page<CourseResponseDto>> {
    return this.learning.catalogue(actor, q);
  }

  @Post('catalogue/:courseId/enrol')
  @RequirePermission(Permission.Learn)
  @ApiCreatedResponse({ type: LearningCourseDto }) @ApiErrors(400, 401, 403, 404)
  selfEnrol(@CurrentActor() actor: Actor, @Param() { courseId }: CourseIdParamDto, @Body() dto: SelfEnrolDto): Promise<LearningCourseDto> {
    return this.learning.selfEnrol(actor, courseId, dto.enrolKey);
  }

  @Get('me/learning')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: MyLearningDto }) @ApiErrors(400, 401)
  mine(@CurrentActor() actor: Actor, @Query() q: MyLearningQueryDto): Promise<MyLearningDto> {
    return this.learning.myLearning(actor, q.filter);
  }

  @Get('me/learning/:courseId')
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: PlayerDto }) @ApiErrors(400, 401, 404)
  player(@CurrentActor() actor: Actor, @Param() { courseId }: CourseIdParamDto): Promise<PlayerDto> {
    return this.learning.player(actor, courseId);
  }

  @Post('me/learning/:courseId/items/:itemId/progress')
  @HttpCode(200)
  @RequirePermission(Permission.Learn)
  @ApiOkResponse({ type: PlayerDto }) @ApiErrors(400, 401, 404, 409)
  progress(@CurrentActor() actor: Actor, @Param() p: CourseItemParamDto, @Body() dto: ProgressEventDto): Promise<PlayerDto> {
    return this.learning.progress(actor, p.courseId, p.itemId, dto);
  }
}
