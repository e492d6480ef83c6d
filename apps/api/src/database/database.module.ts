import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseHandle } from './database-options';
import { REPOSITORIES } from './repositories';

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/**
 * TypeORM on the database the handle describes, and the repositories over it (the only code that
 * talks to the database); closes the embedded database on shutdown.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle,
    private readonly dataSource: DataSource,
  ) {}

  static forRoot(handle: DatabaseHandle): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(handle.options)],
      providers: [{ provide: DATABASE_HANDLE, useValue: handle }, ...REPOSITORIES],
      exports: [DATABASE_HANDLE, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The pool must close before the embedded database under it does.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.handle.close();
  }
}
