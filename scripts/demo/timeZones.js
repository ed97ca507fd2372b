'use strict';

const { DateTime } = require('luxon');

/** One city per UTC offset: at any moment some are inside office hours and some are outside. */
const CITY_PER_OFFSET = [
	'Pacific/Honolulu',
	'America/Anchorage',
	'America/Los_Angeles',
	'America/Denver',
	'America/Chicago',
	'America/New_York',
	'America/Halifax',
	'America/Sao_Paulo',
	'Atlantic/South_Georgia',
	'Atlantic/Azores',
	'Europe/London',
	'Europe/Berlin',
	'Europe/Athens',
	'Europe/Moscow',
	'Asia/Dubai',
	'Asia/Karachi',
	'Asia/Dhaka',
	'Asia/Bangkok',
	'Asia/Shanghai',
	'Asia/Tokyo',
	'Australia/Brisbane',
	'Pacific/Noumea',
	'Pacific/Auckland',
	'Pacific/Kiritimati',
];

function localMinutes(zone, nowMs) {
	const local = DateTime.fromMillis(nowMs, { zone });
	return local.hour * 60 + local.minute;
}

/** A zone whose wall clock is now in [fromMinutes, toMinutes) (the range may wrap past midnight). */
function zoneWhereClockIsBetween(nowMs, fromMinutes, toMinutes) {
	return CITY_PER_OFFSET.find((zone) => {
		const minutes = localMinutes(zone, nowMs);
		return fromMinutes <= toMinutes
			? minutes >= fromMinutes && minutes < toMinutes
			: minutes >= fromMinutes || minutes < toMinutes;
	});
}

/** HubSpot's hs_timezone value for an IANA zone, e.g. "asia_slash_tokyo". */
function hubspotZone(zone) {
	return zone.toLowerCase().replace('/', '_slash_');
}

module.exports = { zoneWhereClockIsBetween, localMinutes, hubspotZone };
