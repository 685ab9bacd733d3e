import { usePostgresSchemas } from '../../support/usePostgresSchemas.ts';
import { storeCases } from './stores.case.ts';

storeCases({ engine: 'postgres', multiInstance: true, open: usePostgresSchemas('vantage_test') });
