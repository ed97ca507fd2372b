import { calculatedPhoneProperties, parsePhone } from '../../sandbox/phone';
import type { Sandbox } from '../../sandbox/server';
import { type CrmObject, call, contactId, testClock, withSandbox } from './helpers';

describe('calculated phone properties of the default fixture contacts', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await withSandbox({ now: testClock('2026-03-04T14:00:00.000Z').now });
	});
	afterAll(() => sandbox.close());

	const PROPS = [
		'phone',
		'mobilephone',
		'hs_searchable_calculated_phone_number',
		'hs_searchable_calculated_international_phone_number',
		'hs_calculated_phone_number',
		'hs_calculated_phone_number_country_code',
		'hs_searchable_calculated_mobile_number',
		'hs_calculated_mobile_number',
	];

	async function phoneProps(email: string) {
		const reply = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${contactId(sandbox, email)}?properties=${PROPS.join(',')}`,
		);
		const bookkeeping = new Set(['createdate', 'lastmodifieddate', 'hs_object_id']);
		return Object.fromEntries(
			Object.entries(reply.body.properties).filter(
				([name, value]) => value !== null && !bookkeeping.has(name),
			),
		);
	}

	it.each([
		[
			'jane.doe@acme-corp.test',
			'+1 (415) 555-0100',
			'4155550100',
			'14155550100',
			'+14155550100',
			'US',
		],
		['bob.smith@globex.test', '415.555.0101', '4155550101', '14155550101', '+14155550101', 'US'],
		[
			'oliver.bennett@britco.test',
			'+44 20 7946 0958',
			'2079460958',
			'442079460958',
			'+442079460958',
			'GB',
		],
		[
			'lukas.mueller@berlin-gmbh.test',
			'+49 30 901820',
			'30901820',
			'4930901820',
			'+4930901820',
			'DE',
		],
		[
			'chloe.nguyen@sydney-pty.test',
			'+61 2 9374 4000',
			'293744000',
			'61293744000',
			'+61293744000',
			'AU',
		],
		[
			'lea.martin@paris-sarl.test',
			'+33 1 23 45 67 89',
			'123456789',
			'33123456789',
			'+33123456789',
			'FR',
		],
		[
			'dana.white@whitefamily.test',
			'+1 646 555 0142',
			'6465550142',
			'16465550142',
			'+16465550142',
			'US',
		],
		[
			'evan.white@whitefamily.test',
			'(646) 555-0142',
			'6465550142',
			'16465550142',
			'+16465550142',
			'US',
		],
		['grace.hopper@navy.test', '+14155550123', '4155550123', '14155550123', '+14155550123', 'US'],
	])('%s: %s → national %s', async (email, phone, national, international, e164, country) => {
		expect(await phoneProps(email)).toEqual({
			phone,
			hs_searchable_calculated_phone_number: national,
			hs_searchable_calculated_international_phone_number: international,
			hs_calculated_phone_number: e164,
			hs_calculated_phone_number_country_code: country,
		});
	});

	it('keeps the digits of a UK number typed without country code, but gives it no E.164 form in a US portal', async () => {
		expect(await phoneProps('amelia.clarke@britco.test')).toEqual({
			phone: '020 7946 0959',
			hs_searchable_calculated_phone_number: '2079460959',
		});
	});

	it('fills only the mobile properties for a contact with only a mobile number', async () => {
		expect(await phoneProps('carla.gomez@initech.test')).toEqual({
			mobilephone: '(212) 555-0199',
			hs_searchable_calculated_mobile_number: '2125550199',
			hs_calculated_mobile_number: '+12125550199',
		});
	});

	it('recomputes the calculated properties when the phone changes', async () => {
		const id = contactId(sandbox, 'henry.ford@detroit.test');
		await call(sandbox, 'PATCH', `/crm/v3/objects/contacts/${id}`, {
			body: { properties: { phone: '0044 161 496 0000' } },
		});
		const reply = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${id}?properties=hs_calculated_phone_number`,
		);
		expect(reply.body.properties.hs_calculated_phone_number).toBe('+441614960000');
		await call(sandbox, 'PATCH', `/crm/v3/objects/contacts/${id}`, {
			body: { properties: { phone: '' } },
		});
		const cleared = await call<CrmObject>(
			sandbox,
			'GET',
			`/crm/v3/objects/contacts/${id}?properties=hs_calculated_phone_number,phone`,
		);
		expect(cleared.body.properties).toMatchObject({
			phone: null,
			hs_calculated_phone_number: null,
		});
	});
});

describe('parsePhone', () => {
	it('reads a 00 international prefix like +', () => {
		expect(parsePhone('0049 30 901820', 'US')).toEqual({
			national: '30901820',
			callingCode: '49',
			region: 'DE',
			e164: '+4930901820',
		});
	});

	it('drops a leading US country code typed without +', () => {
		expect(parsePhone('1-415-555-0100', 'US')?.e164).toBe('+14155550100');
	});

	it('drops the trunk 0 written in brackets after a country code', () => {
		expect(parsePhone('+44 (0)20 7946 0958', 'US')?.national).toBe('2079460958');
	});

	it('uses the portal default country for national numbers', () => {
		expect(parsePhone('020 7946 0958', 'GB')?.e164).toBe('+442079460958');
	});

	it('returns nothing for text without digits', () => {
		expect(parsePhone('n/a', 'US')).toBeUndefined();
		expect(calculatedPhoneProperties({ phone: 'n/a' }, 'US')).toEqual({});
	});
});
