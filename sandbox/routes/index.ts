/** Every HubSpot API route the sandbox serves, in match order. */
import type { Route } from '../router';
import { accountRoutes } from './account';
import { associationRoutes } from './associations';
import { calendarRoutes } from './calendar';
import { contactRoutes } from './contacts';
import { meetingRoutes } from './meetings';
import { oauthRoutes } from './oauth';
import { ownerRoutes } from './owners';
import { schedulerRoutes } from './scheduler';
import { searchRoutes } from './search';
import { webhooksApiRoutes } from './webhooksApi';

export const API_ROUTES: readonly Route[] = [
	...oauthRoutes,
	...accountRoutes,
	...searchRoutes,
	...contactRoutes,
	...meetingRoutes,
	...associationRoutes,
	...schedulerRoutes,
	...calendarRoutes,
	...ownerRoutes,
	...webhooksApiRoutes,
];
