import type { Guard } from '../guard/guard.ts';
import { CustomerListService } from './customer-list.service.ts';
import { OrganisationRecordService } from './organisation-records.service.ts';
import { OrganisationViewService } from './organisation-view.service.ts';
import { OrganisationService } from './organisation.service.ts';

/** Organisations as customers, their contact persons, and the records that belong to them (issue 20). */
export interface OrganisationServices {
  organisations: OrganisationService;
  views: OrganisationViewService;
  records: OrganisationRecordService;
  customers: CustomerListService;
}

export function createOrganisationServices(guard: Guard): OrganisationServices {
  const organisations = new OrganisationService(guard);
  return {
    organisations,
    views: new OrganisationViewService(guard, organisations),
    records: new OrganisationRecordService(guard),
    customers: new CustomerListService(guard),
  };
}
