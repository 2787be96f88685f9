import 'reflect-metadata';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import sjson from 'secure-json-parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppModule } from './app.module';
import { AppError } from './common/errors/app-error';
import { errorMessage, pickLang } from './common/errors/messages';
import { nfcDeep } from './common/text/vietnamese';
import { createValidationPipe } from './common/validation/validation';
import { AppConfig } from './config/env';

/** Nest's own log lines go through the same pino logger as requests, as JSON. */
class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}
  log(message: unknown, context?: string) { this.pino.info({ context }, String(message)); }
  error(message: unknown, trace?: string, context?: string) { this.pino.error({ context, trace }, String(message)); }
  warn(message: unknown, context?: string) { this.pino.warn({ context }, String(message)); }
  debug(message: unknown, context?: string) { this.pino.debug({ context }, String(message)); }
  verbose(message: unknown, context?: string) { this.pino.trace({ context }, String(message)); }
}

export function defaultStaticDir(): string | null {
  const candidates = [path.resolve(__dirname, '../../frontend/dist'), path.resolve(process.cwd(), 'frontend/dist')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? null;
}

export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
    // JSON only: our own JSON parser below; no urlencoded bodies
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // malformed or empty JSON is the client's mistake: 400 MALFORMED_JSON (fastify's own error would reach the filter as a bare 400)
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: config.bodyLimitBytes }, (_req, body, done) => {
    try {
      // __proto__ / constructor.prototype keys are refused (prototype pollution), as fastify's own parser does
      done(null, sjson.parse(body as string, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new AppError(400, 'MALFORMED_JSON'), undefined);
    }
  });
  app.useLogger(new PinoNestLogger(fastify.log));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
  });
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // stored-file downloads set their own (private) caching; everything else under /api is never cached
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // every text input is NFC-normalised at the boundary
  fastify.addHook('preValidation', async (req) => {
    if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) req.body = nfcDeep(req.body);
    // the query object fastify builds has no plain prototype: copy it first
    if (req.query && typeof req.query === 'object') req.query = nfcDeep({ ...(req.query as object) }) as typeof req.query;
  });

  const staticDir = config.staticDir ?? defaultStaticDir();
  if (staticDir) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
    const indexHtml = fs.readFileSync(path.join(staticDir, 'index.html'));
    // the SPA's own routes (/staff/123 …) get index.html; unknown /api routes keep their JSON 404
    fastify.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml));
    fastify.get('/*', (req, reply) => {
      if (req.url.startsWith('/api/') || req.url === '/api') {
        return reply.status(404).type('application/json; charset=utf-8').send({
          statusCode: 404, code: 'ROUTE_NOT_FOUND', message: errorMessage('ROUTE_NOT_FOUND', pickLang(req.headers['accept-language'])), requestId: String(req.id),
        });
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nền tảng bồi dưỡng số - Phường Đăk Bla')
      .setDescription('API của nền tảng học tập, bồi dưỡng theo Nghị quyết 57-NQ/TW. Lỗi luôn có dạng { statusCode, code, message, fields?, requestId }.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addCookieAuth('sid')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  await app.init();
  return app;
}
