// The walk of a refusal contested to the end, as the people involved would go through it: the officer's
// intended refusal (done by the case walk), the applicant's written answer with a file and a hearing
// booked from the office's times; the server's clock moved past the hearing's hour, the officer records
// it; moved past the notice's last day, the supervisor countersigns the refusal; the applicant complains;
// the office forwards the complaint to the higher body, whose officer overturns the refusal; the case
// returns to the office, whose officer reviews the documents and grants the card. Every page with axe, in the walk's language. `h` carries run.mjs's helpers.

export async function appealWalk(h, base, lang, refusal) {
  const { VIEWPORTS, openWalk, test, goto, clickAndWait, check, runAxe, expectLang, drain, chooseLanguage } = h;
  const vp = VIEWPORTS[1];
  const label = `[${lang} ${vp.name} intended refusal, hearing, complaint]`;
  console.log(`${label} ...`);
  const id = refusal.caseUrl.split('/').pop();
  const contexts = [];
  const person = async (name) => {
    const walk = await openWalk(base, vp, { navigationTimeout: null });
    contexts.push(walk.context);
    await chooseLanguage(walk.page, lang, `${label} ${name}`);
    return walk;
  };
  const stepOn = (walk, who) => async (name, fn) => {
    const w = `${label} ${who}: ${name}`;
    await test(w, walk.page, async () => {
      await fn(walk.page, w);
      await expectLang(walk.page, lang, w);
      await runAxe(walk.page, w);
      drain(walk.sink, w);
    });
  };
  const signInApplicant = async (page, w) => {
    await page.context().clearCookies();
    await chooseLanguage(page, lang, w);
    await goto(page, '/account/sign-in', w);
    await page.fill('#email', refusal.applicant);
    await page.fill('#password', h.APPLICANT_PASSWORD);
    await clickAndWait(page, 'main form button[type=submit]', /^\/account$/, w);
  };
  // Signs in again only when the session has ended (a code is taken once: a second sign-in within
  // the same 30 seconds would be refused as a replay).
  const signInStaff = async (page, email, w) => {
    await page.goto('/account');
    if (new URL(page.url()).pathname === '/account') return;
    await page.context().clearCookies();
    await chooseLanguage(page, lang, w);
    await goto(page, '/account/sign-in', w);
    await page.fill('#email', email);
    await page.fill('#password', h.STAFF_PASSWORD);
    await clickAndWait(page, 'main form button[type=submit]', /^\/account\/sign-in\/code$/, w);
    await page.fill('#code', h.totp(h.staffSecrets[email]));
    await clickAndWait(page, 'main form button[type=submit]', /^\/(account|applications|cases)$/, w);
  };

  const applicant = await person('applicant');
  const asApplicant = stepOn(applicant, 'applicant');
  let slot = 0;
  await asApplicant('reads the notice of intended refusal', async (page, w) => {
    await signInApplicant(page, w);
    await goto(page, `/applications/${id}`, w);
    check((await page.locator('#intended-refusal').count()) === 1, w, 'no notice of intended refusal');
    for (const sel of ['#refusal-ground', '#refusal-basis', '#refusal-reason', '#refusal-last-day']) {
      check(((await page.textContent(sel)) || '').trim().length > 0, w, `the notice lacks ${sel}`);
    }
    check(((await page.textContent('#refusal-reason')) || '').includes('diploma'), w, 'the officer\'s reasons are not told');
    check(!/\d{4}-\d{2}-\d{2}/.test((await page.textContent('#refusal-last-day')) || ''), w, 'the last day is not in words');
  });
  await asApplicant('answers in writing', async (page, w) => {
    await page.fill('#response', 'The diploma was issued by the Mongolian National University; its register number is 4471.');
    await clickAndWait(page, 'form[action$="/respond"] button[type=submit]', /^\/applications\/\d+$/, w);
  });
  await asApplicant('attaches a file to the answer', async (page, w) => {
    await page.setInputFiles('#response-file', { name: 'register-extract.pdf', mimeType: 'application/pdf', buffer: h.SAMPLE_PDF });
    await clickAndWait(page, '#attach-response', /^\/applications\/\d+$/, w);
    check(((await page.textContent('#response-files')) || '').includes('register-extract.pdf'), w, 'the file is not listed with the answer');
  });
  await asApplicant('asks for a hearing', async (page, w) => {
    await clickAndWait(page, '#hearing-link', /^\/applications\/\d+\/hearing$/, w);
    const first = page.locator('input[name=slot]').first();
    check((await first.count()) === 1, w, 'no time offered');
    slot = Number(await first.getAttribute('value'));
    // Without a mode: the form says what is missing and keeps nothing.
    await first.check();
    const res = await clickAndWait(page, '#book-hearing', /^\/applications\/\d+\/hearing$/, w);
    check(res && res.status() === 422, w, `a hearing without its mode answered ${res && res.status()}`);
    check((await page.locator('.error-summary a[href="#mode"]').count()) === 1, w, 'the error does not name the mode');
  });
  await asApplicant('books the hearing', async (page, w) => {
    await page.locator('input[name=slot]').first().check();
    await page.check('#mode-in_person');
    await clickAndWait(page, '#book-hearing', /^\/applications\/\d+$/, w);
    check((await page.locator('#hearing-booked').count()) === 1, w, 'the booked hearing is not shown');
  });

  // The hour of the hearing has come: the officer records it.
  h.shiftServerClock(slot + 3600);
  const officer = await person('officer');
  const asOfficer = stepOn(officer, 'officer');
  await asOfficer('records the hearing', async (page, w) => {
    await signInStaff(page, refusal.officer, w);
    await goto(page, refusal.caseUrl, w);
    check(((await page.textContent('main')) || '').includes('register-extract.pdf'), w, 'the answer\'s file is not on the case');
    await page.check('#attended-yes');
    await page.fill('#minutes', 'The applicant explained the diploma\'s register; the officer will ask the university.');
    await clickAndWait(page, '#record-hearing', /^\/cases\/\d+$/, w);
    check(((await page.textContent('#case-hearing-minutes')) || '').includes('register'), w, 'the minutes are not kept');
  });

  // The notice's last day has passed: the supervisor countersigns the refusal.
  h.shiftServerClock(h.serverNow() / 1000 + 12 * 86400);
  const supervisor = await person('supervisor');
  const asSupervisor = stepOn(supervisor, 'supervisor');
  await asSupervisor('countersigns the refusal after the hearing', async (page, w) => {
    await signInStaff(page, refusal.supervisor, w);
    await goto(page, refusal.caseUrl, w);
    await clickAndWait(page, '#countersign', /^\/cases\/\d+$/, w);
    check((await page.getAttribute('#status', 'data-status')) === 'refused', w, 'not refused');
  });
  await asApplicant('lodges a complaint', async (page, w) => {
    await signInApplicant(page, w);
    await goto(page, `/applications/${id}`, w);
    await clickAndWait(page, '#complaint-link', /^\/applications\/\d+\/complaint$/, w);
    check(((await page.inputValue('#contact')) || '').length > 0, w, 'the complainant\'s particulars are not filled in');
    await page.check('#request-grant');
    await page.fill('#grounds', 'The hearing showed the diploma is genuine: the university confirmed its register.');
    // Unsigned: the form asks for the confirmation and keeps what was written.
    const res = await clickAndWait(page, '#lodge-complaint', /^\/applications\/\d+\/complaint$/, w);
    check(res && res.status() === 422, w, `an unsigned complaint answered ${res && res.status()}`);
    check(((await page.inputValue('#grounds')) || '').includes('university'), w, 'the grounds were lost');
    await page.check('#confirm-yes');
    await clickAndWait(page, '#lodge-complaint', /^\/applications\/\d+$/, w);
    check((await page.locator('#complaints [data-stage="lodged"]').count()) === 1, w, 'the complaint is not shown as lodged');
  });
  await asSupervisor('forwards the complaint', async (page, w) => {
    await signInStaff(page, refusal.supervisor, w);
    await goto(page, '/complaints', w);
    check((await page.locator(`#complaints-table a[href^="${refusal.caseUrl}"]`).count()) === 1, w, 'the complaint is not in the office\'s list');
    await goto(page, refusal.caseUrl, w);
    await page.fill('#forward-reason', 'The office keeps its decision: the university has not answered.');
    await clickAndWait(page, '#complaint-forward', /^\/cases\/\d+$/, w);
  });
  const ministry = await person('higher body');
  const asMinistry = stepOn(ministry, 'higher body');
  await asMinistry('overturns the refusal', async (page, w) => {
    const email = `appeals-${lang}@ministry.kz`;
    h.staffSecrets[email] = await h.staffSignIn(page, email, h.addStaff(email, 'appeals', 'ministry'), w);
    await goto(page, '/complaints', w);
    const link = page.locator(`#complaints-table a[href^="${refusal.caseUrl}"]`);
    check((await link.count()) === 1, w, 'the forwarded complaint is not in the higher body\'s list');
    await clickAndWait(page, `#complaints-table a[href^="${refusal.caseUrl}"]`, /^\/cases\/\d+$/, w);
    check(((await page.textContent('main')) || '').includes('university confirmed'), w, 'the file lacks the complaint');
    // The documents were never reviewed: the card cannot be granted here, the case goes back.
    await page.check('#remedy-reconsider');
    await page.fill('#overturn-reason', 'The hearing showed the diploma may be genuine: the office must decide again.');
    await clickAndWait(page, '#complaint-overturn', /^\/cases\/\d+$/, w);
    check((await page.getAttribute('#status', 'data-status')) === 'iin_recorded', w, 'the case did not return for a new decision');
  });
  await asOfficer('decides again and grants', async (page, w) => {
    await signInStaff(page, refusal.officer, w);
    await goto(page, refusal.caseUrl, w);
    const forms = page.locator('form[action$="/review"]');
    const n = await forms.count();
    check(n >= 1, w, 'no document to review');
    for (let i = 0; i < n; i += 1) {
      await page.selectOption(`form[action$="/review"] >> nth=${i} >> select`, 'accepted');
      await clickAndWait(page, `form[action$="/review"] >> nth=${i} >> button[type=submit]`, /^\/cases\/\d+$/, w);
    }
    await clickAndWait(page, '#grant', /^\/cases\/\d+\/confirm$/, w);
    await clickAndWait(page, '#confirm', /^\/cases\/\d+$/, w);
    check((await page.getAttribute('#status', 'data-status')) === 'granted', w, 'not granted');
  });
  await asApplicant('sees the card granted and the letters', async (page, w) => {
    await goto(page, `/applications/${id}`, w);
    check((await page.getAttribute('#status', 'data-status')) === 'granted', w, 'not granted for the applicant');
    check((await page.locator('#complaints [data-stage="overturned"]').count()) === 1, w, 'the complaint\'s outcome is not shown');
    check((await page.locator('a[href*="/letters/"]').count()) >= 3, w, 'the letters (intended refusal, refusal, grant) are not listed');
  });
  for (const c of contexts) await c.close();
}
