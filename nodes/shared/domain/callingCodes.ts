/**
 * The ITU country calling codes, which region uses each, and each region's national trunk prefix:
 * the minimum needed to read numbers written with or without their country code, since community
 * nodes may not ship libphonenumber. One line per code: `code REGION[:trunk[,trunk]] …`; codes
 * with no region are non-geographic (freephone, satellite, international networks). Every ISO 3166
 * region is listed except Pitcairn (PN), whose few lines are satellite numbers, so that +64 stays
 * New Zealand's alone.
 */
const PLAN = `
1 US:1 CA:1 AG:1 AI:1 AS:1 BB:1 BM:1 BS:1 DM:1 DO:1 GD:1 GU:1 JM:1 KN:1 KY:1 LC:1 MP:1 MS:1 PR:1 SX:1 TC:1 TT:1 VC:1 VG:1 VI:1 UM:1
7 RU:8 KZ:8
20 EG:0
211 SS:0
212 MA:0 EH:0
213 DZ:0
216 TN
218 LY:0
220 GM
221 SN
222 MR
223 ML
224 GN
225 CI
226 BF
227 NE
228 TG
229 BJ
230 MU
231 LR:0
232 SL:0
233 GH:0
234 NG:0
235 TD
236 CF
237 CM
238 CV
239 ST
240 GQ
241 GA
242 CG
243 CD:0
244 AO
245 GW
246 IO
247 AC
248 SC
249 SD:0
250 RW:0
251 ET:0
252 SO:0
253 DJ
254 KE:0
255 TZ:0
256 UG:0
257 BI
258 MZ
260 ZM:0
261 MG:0
262 RE:0 YT:0 TF:0
263 ZW:0
264 NA:0
265 MW:0
266 LS
267 BW
268 SZ
269 KM
27 ZA:0
290 SH TA
291 ER:0
297 AW
298 FO
299 GL
30 GR
31 NL:0
32 BE:0
33 FR:0
34 ES
350 GI
351 PT
352 LU
353 IE:0
354 IS
355 AL:0
356 MT
357 CY
358 FI:0 AX:0
359 BG:0
36 HU:06
370 LT:0,8
371 LV
372 EE
373 MD:0
374 AM:0
375 BY:8
376 AD
377 MC:0
378 SM
379
380 UA:0
381 RS:0
382 ME:0
383 XK:0
385 HR:0
386 SI:0
387 BA:0
389 MK:0
39 IT VA
40 RO:0
41 CH:0
420 CZ
421 SK:0
423 LI
43 AT:0
44 GB:0 GG:0 IM:0 JE:0
45 DK
46 SE:0
47 NO SJ BV
48 PL
49 DE:0
500 FK GS
501 BZ
502 GT
503 SV
504 HN
505 NI
506 CR
507 PA
508 PM:0
509 HT
51 PE:0
52 MX
53 CU:0
54 AR:0
55 BR:0
56 CL
57 CO:0
58 VE:0
590 GP:0 BL:0 MF:0
591 BO:0
592 GY
593 EC:0
594 GF:0
595 PY:0
596 MQ:0
597 SR
598 UY:0
599 CW BQ
60 MY:0
61 AU:0 CX:0 CC:0
62 ID:0
63 PH:0
64 NZ:0
65 SG
66 TH:0
670 TL
672 NF AQ HM
673 BN
674 NR
675 PG
676 TO
677 SB
678 VU
679 FJ
680 PW
681 WF
682 CK
683 NU
685 WS
686 KI:0
687 NC
688 TV
689 PF
690 TK
691 FM
692 MH
800
808
81 JP:0
82 KR:0
84 VN:0
850 KP:0
852 HK
853 MO
855 KH:0
856 LA:0
86 CN:0
870
878
880 BD:0
881
882
883
886 TW:0
888
90 TR:0
91 IN:0
92 PK:0
93 AF:0
94 LK:0
95 MM:0
960 MV
961 LB:0
962 JO:0
963 SY:0
964 IQ:0
965 KW
966 SA:0
967 YE:0
968 OM
970 PS:0
971 AE:0
972 IL:0
973 BH
974 QA
975 BT
976 MN:0
977 NP:0
979
98 IR:0
992 TJ
993 TM:8
994 AZ:0
995 GE:0
996 KG:0
998 UZ
`;

/**
 * National significant number lengths where they are fixed or narrow; elsewhere the ITU bounds
 * apply (at least 4 digits, at most 15 including the country code).
 */
const NATIONAL_LENGTHS: Record<string, [min: number, max: number]> = {
	'1': [10, 10],
	'7': [10, 10],
	'31': [9, 9],
	'33': [9, 9],
	'34': [9, 9],
	'41': [9, 9],
	'44': [7, 10],
	'52': [10, 10],
	'55': [10, 11],
};

export interface RegionPlan {
	region: string;
	callingCode: string;
	trunkPrefixes: string[];
}

const regions = new Map<string, RegionPlan>();
const regionsByCode = new Map<string, string[]>();

for (const line of PLAN.trim().split('\n')) {
	const [code, ...entries] = line.trim().split(' ');
	regionsByCode.set(code, []);
	for (const entry of entries) {
		const [region, trunks] = entry.split(':');
		regions.set(region, {
			region,
			callingCode: code,
			trunkPrefixes: trunks ? trunks.split(',') : [],
		});
		regionsByCode.get(code)?.push(region);
	}
}

export function regionPlan(region: string): RegionPlan | undefined {
	return regions.get(region);
}

/** ITU codes are prefix-free, so the first of the 1-, 2- and 3-digit prefixes that is a code is the code. */
export function callingCodePrefix(digits: string): string | undefined {
	return [1, 2, 3]
		.map((length) => digits.slice(0, length))
		.find((prefix) => prefix.length > 0 && regionsByCode.has(prefix));
}

export function regionsForCode(code: string): string[] {
	return regionsByCode.get(code) ?? [];
}

export function allCallingCodes(): string[] {
	return [...regionsByCode.keys()];
}

export function allRegions(): string[] {
	return [...regions.keys()];
}

export function nationalLengthBounds(code: string): [min: number, max: number] {
	return NATIONAL_LENGTHS[code] ?? [4, 15 - code.length];
}
