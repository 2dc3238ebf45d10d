export interface GenerateGeneratorSchema {
  readonly name: string;
  readonly directory?: string;
  readonly databaseUrl?: string;
  readonly databaseUrlEnv?: string;
  readonly storeDatabaseUrl?: boolean;
  readonly sqlFile?: string;
  readonly snapshot?: string;
  readonly schemas?: string;
  readonly include?: string;
  readonly exclude?: string;
  readonly outputDir?: string;
}
