import { usePostgresSchemas } from '../../support/usePostgresSchemas.ts';
import { bookingCases } from './bookings.case.ts';

bookingCases({ engine: 'postgres', multiInstance: true, open: usePostgresSchemas('vantage_bk') });
