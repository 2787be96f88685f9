import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { BanksService } from './banks.service';
import {
  BankDto, BankExportQueryDto, CategoryDto, CategoryListDto, CreateBankDto, CreateCategoryDto, ListBanksQueryDto, UpdateBankDto, UpdateCategoryDto,
} from './questions.dto';

@ApiTags('Question banks')
@ApiCookieAuth() @ApiBearerAuth()
@Controller()
export class BanksController {
  constructor(private readonly banks: BanksService) {}

  @Get('question-banks')
  @RequirePermission(Permission.QuestionManage)
  @ApiPage(BankDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListBanksQueryDto): Promise<Page<BankDto>> {
    return this.banks.list(actor, q);
  }

  @Post('question-banks')
  @RequirePermission(Permission.QuestionManage)
  @ApiCreatedResponse({ type: BankDto, description: 'The bank, with a top-level category "Mặc định"' }) @ApiErrors(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBankDto): Promise<BankDto> {
    return this.banks.create(actor, dto);
  }

  @Get('question-banks/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: BankDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<BankDto> {
    return this.banks.get(actor, id);
  }

  @Patch('question-banks/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: BankDto }) @ApiErrors(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateBankDto): Promise<BankDto> {
    return this.banks.update(actor, id, dto);
  }

  @Delete('question-banks/:id')
  @HttpCode(204)
  @RequirePermission(Permission.QuestionManage)
  @ApiNoContentResponse({ description: 'Deleted (only an empty bank)' }) @ApiErrors(400, 401, 403, 404, 409)
  remove(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.banks.remove(actor, id);
  }

  @Get('question-banks/:id/categories')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: CategoryListDto, description: 'Flat list; the tree follows parentId' }) @ApiErrors(400, 401, 403, 404)
  categories(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<CategoryListDto> {
    return this.banks.categories(actor, id);
  }

  @Post('question-banks/:id/categories')
  @RequirePermission(Permission.QuestionManage)
  @ApiCreatedResponse({ type: CategoryDto }) @ApiErrors(400, 401, 403, 404, 409)
  createCategory(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return this.banks.createCategory(actor, id, dto);
  }

  @Patch('question-categories/:id')
  @RequirePermission(Permission.QuestionManage)
  @ApiOkResponse({ type: CategoryDto }) @ApiErrors(400, 401, 403, 404, 409)
  updateCategory(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateCategoryDto): Promise<CategoryDto> {
    return this.banks.updateCategory(actor, id, dto);
  }

  @Delete('question-categories/:id')
  @HttpCode(204)
  @RequirePermission(Permission.QuestionManage)
  @ApiNoContentResponse({ description: 'Deleted (only a category without questions or subcategories)' }) @ApiErrors(400, 401, 403, 404, 409)
  removeCategory(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<void> {
    return this.banks.removeCategory(actor, id);
  }

  @Get('question-banks/:id/export')
  @RequirePermission(Permission.QuestionManage)
  @ApiProduces('text/plain', 'application/xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'GIFT, Moodle XML or Excel file; X-Skipped-Questions counts questions the format cannot hold', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403, 404)
  async export(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: BankExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.banks.export(actor, id, q);
    await reply.type(f.contentType).header('content-disposition', f.disposition).header('x-skipped-questions', String(f.skipped.length)).send(f.body);
  }
}
