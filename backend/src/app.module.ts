import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgAccessService } from './common/access/org-access.service';
import { AuthGuard } from './common/auth/auth.guard';
import { AllExceptionsFilter } from './common/errors/http-exception.filter';
import { APP_CONFIG, AppConfig } from './config/env';
import { dataSourceOptions } from './database/options';
import { AttendanceController, ClassesController, ClassSessionsController } from './modules/attendance/attendance.controller';
import { AttendanceReportsService } from './modules/attendance/attendance-reports.service';
import { CheckinKeyService, CheckinService } from './modules/attendance/checkin.service';
import { ClassesService } from './modules/attendance/classes.service';
import { MarksService } from './modules/attendance/marks.service';
import { AuditController } from './modules/audit/audit.controller';
import { AuditService } from './modules/audit/audit.service';
import { AuthController } from './modules/auth/auth.controller';
import { AuthService } from './modules/auth/auth.service';
import { ExternalCompletionsController } from './modules/completions/external-completions.controller';
import { CompletionImportsService } from './modules/completions/completion-imports.service';
import { ExternalCompletionsService } from './modules/completions/external-completions.service';
import { CourseFilesController } from './modules/courses/course-files.controller';
import { CourseFilesService } from './modules/courses/course-files.service';
import { CourseRemindersService } from './modules/courses/course-reminders.service';
import { CoursesController, EnrolmentsController, LearningController } from './modules/courses/courses.controller';
import { CoursesService } from './modules/courses/courses.service';
import { EnrolmentsService } from './modules/courses/enrolments.service';
import { LearningService } from './modules/courses/learning.service';
import { RenewalJob } from './modules/courses/renewal-job';
import { RenewalsService } from './modules/courses/renewals.service';
import { FilesService } from './modules/files/files.service';
import { HealthController } from './modules/health/health.controller';
import { OrgUnitsController } from './modules/org-units/org-units.controller';
import { OrgUnitsService } from './modules/org-units/org-units.service';
import { BanksController } from './modules/questions/banks.controller';
import { BanksService } from './modules/questions/banks.service';
import { QuestionImportsController } from './modules/questions/question-imports.controller';
import { QuestionImportsService } from './modules/questions/question-imports.service';
import { QuestionsController } from './modules/questions/questions.controller';
import { QuestionsService } from './modules/questions/questions.service';
import { AttemptGrader } from './modules/quizzes/attempt-grader';
import { AttemptsService } from './modules/quizzes/attempts.service';
import { QuizFinaliser } from './modules/quizzes/quiz-finaliser';
import { AttemptsController, QuizGradingController, QuizzesController } from './modules/quizzes/quizzes.controller';
import { QuizzesService } from './modules/quizzes/quizzes.service';
import { ExportsController } from './modules/exports/exports.controller';
import { ExportsService } from './modules/exports/exports.service';
import { CertificatesController } from './modules/certificates/certificates.controller';
import { CertificatesService } from './modules/certificates/certificates.service';
import { ReportsController } from './modules/reports/reports.controller';
import { ReportsService } from './modules/reports/reports.service';
import { TargetsController } from './modules/targets/targets.controller';
import { TargetsService } from './modules/targets/targets.service';
import { StaffImportsController } from './modules/staff/import/staff-imports.controller';
import { StaffImportsService } from './modules/staff/import/staff-imports.service';
import { StaffController } from './modules/staff/staff.controller';
import { StaffService } from './modules/staff/staff.service';
import { UsersController } from './modules/users/users.controller';
import { UsersService } from './modules/users/users.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(databaseUrl))],
      controllers: [
        HealthController, AuthController, UsersController, OrgUnitsController,
        // imports before staff so that /staff/imports/* is not read as /staff/:id
        StaffImportsController, StaffController, AuditController,
        // course files before courses so that /courses/trainer-options is not read as /courses/:id
        CourseFilesController, CoursesController, EnrolmentsController, LearningController, ExternalCompletionsController,
        TargetsController, ExportsController, ReportsController, CertificatesController,
        BanksController, QuestionsController, QuestionImportsController,
        QuizzesController, QuizGradingController, AttemptsController,
        ClassesController, ClassSessionsController, AttendanceController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        AuditService, OrgAccessService, AuthService, UsersService, OrgUnitsService, StaffService, StaffImportsService,
        CoursesService, EnrolmentsService, LearningService, RenewalsService, RenewalJob,
        FilesService, CourseFilesService, CourseRemindersService, ExternalCompletionsService, CompletionImportsService,
        TargetsService, ExportsService, ReportsService, CertificatesService,
        BanksService, QuestionsService, QuestionImportsService,
        AttemptGrader, AttemptsService, QuizzesService, QuizFinaliser,
        ClassesService, MarksService, CheckinKeyService, CheckinService, AttendanceReportsService,
      ],
    };
  }
}
