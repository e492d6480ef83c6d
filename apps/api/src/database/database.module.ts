import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseHandle } from './database-options';

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/** The tables and the repositories over them (src/database-layer.ts lists the product's). */
export interface DatabaseLayer {
  entities: Array<Type<unknown>>;
  repositories: Array<Type<unknown>>;
}

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

  static forRoot(handle: DatabaseHandle, layer: DatabaseLayer): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...handle.options, entities: layer.entities })],
      providers: [{ provide: DATABASE_HANDLE, useValue: handle }, ...layer.repositories],
      exports: [DATABASE_HANDLE, ...layer.repositories],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The pool must close before the embedded database under it does.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.handle.close();
  }
}
