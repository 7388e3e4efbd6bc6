/** "Reproduce it": the default recipe without JavaScript, the recipe following the widget, copy buttons, and both paste boxes. */
import { expect, test } from '@playwright/test';
import { readyWidget } from './site.ts';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the default state’s recipe is in the page: the NodePort Service, the command and the output to expect', async ({ page }) => {
    await page.goto('/scenarios/nodeport/');
    const section = page.locator('[data-scenario="nodeport"] details.reproduce');
    await section.locator('summary').click();
    const recipe = section.locator('[data-recipe]');
    await expect(recipe).toContainText('type: NodePort');
    await expect(recipe).toContainText('externalTrafficPolicy: Cluster');
    await expect(recipe).toContainText('image: registry.k8s.io/e2e-test-images/agnhost:2.66.1');
    await expect(recipe).toContainText('clientip: <entry-node-ip>:<port>');
    // Copying and comparing need the code: neither is offered without it.
    await expect(section.getByRole('button', { name: /Copy/ }).first()).toBeHidden();
    await expect(section.locator('[data-paste-form]')).toBeHidden();
    // The lab ran this state's own command against netexec, and the evidence says it printed the expected output.
    await expect(page.locator('[data-scenario="nodeport"] [data-evidence-headline]')).toContainText(
      'netexec printed the output “Reproduce it” expects',
    );
  });
});

test.describe('with JavaScript', () => {
  test('the recipe follows the widget’s state, and a pasted transcript is compared with it', async ({ page }) => {
    await page.goto('/scenarios/nodeport/');
    const widget = await readyWidget(page, '[data-scenario="nodeport"]');
    const section = widget.locator('details.reproduce');
    await section.locator('summary').click();
    await widget.getByLabel('externalTrafficPolicy').selectOption('Local');
    await widget.getByLabel('The node the traffic enters').selectOption('node-with-endpoint');
    await expect(section.locator('[data-recipe]')).toContainText('externalTrafficPolicy: Local');
    await expect(section.locator('[data-recipe]')).toContainText('clientip: <your-public-ip>:<port>');
    const box = section.getByLabel('Paste what you got');
    await box.fill('clientip: 198.51.100.200:51234\nheader?key=X-Forwarded-For:\nheader?key=X-Real-IP:');
    await section.getByRole('button', { name: 'Compare' }).click();
    await expect(section.locator('[data-paste-result]')).toContainText('Matches this state, if these are right:');
    await expect(section.locator('[data-paste-result]')).toContainText('<your-public-ip> is 198.51.100.200');
    // Another state's output: curl timed out. Not this state; diagnose links the pasted addresses.
    await box.fill('clientip: curl: (28) Connection timed out after 5001 milliseconds\n');
    await section.getByRole('button', { name: 'Compare' }).click();
    await expect(section.locator('[data-paste-result]')).toContainText('Does not match this state.');
    // Changing the state compares the same paste with the new state's output.
    await widget.getByLabel('The node the traffic enters').selectOption('node-without-endpoint');
    await expect(section.locator('[data-paste-result]')).toContainText('Missing:');
    await expect(section.locator('[data-paste-result]')).toContainText('Matches this state');
  });

  test('pasted markup stays text, and an oversized or empty paste gets a message', async ({ page }) => {
    await page.goto('/scenarios/ingress/');
    const widget = await readyWidget(page, '[data-scenario="ingress"]');
    const section = widget.locator('details.reproduce');
    await section.locator('summary').click();
    const box = section.getByLabel('Paste what you got');
    const compare = section.getByRole('button', { name: 'Compare' });
    await box.fill('clientip: <img src=x onerror="window.pwned=1">:80');
    await compare.click();
    await expect(section.locator('[data-paste-result]')).toContainText('<img src=x');
    await expect(section.locator('[data-paste-result] img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await box.fill('');
    await compare.click();
    await expect(section.locator('[data-paste-result]')).toHaveText(
      'Nothing pasted yet: run the command above and paste the lines it printed.',
    );
    await box.evaluate((element: HTMLTextAreaElement) => (element.value = 'clientip: 1.2.3.4:5\n'.repeat(60_000)));
    await compare.click();
    await expect(section.locator('[data-paste-result]')).toContainText('1,200,000 characters');
  });

  test('copy buttons copy their block, by keyboard too', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/scenarios/pod-to-pod/');
    const widget = await readyWidget(page, '[data-scenario="pod-to-pod"]');
    const section = widget.locator('details.reproduce');
    await section.locator('summary').focus();
    await page.keyboard.press('Enter');
    const copy = section.getByRole('button', { name: 'Copy the command' });
    await copy.focus();
    await page.keyboard.press('Enter');
    await expect(copy).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^kubectl exec client -- sh -c 'for p in clientip /);
  });
});

test('the diagnose page fills in its fields from a pasted transcript and diagnoses', async ({ page }) => {
  await page.goto('/diagnose/');
  const widget = await readyWidget(page, 'diagnose-widget');
  await widget
    .getByLabel('Paste what the guide’s netexec command printed')
    .fill('clientip: 10.244.1.1:40000\nheader?key=X-Forwarded-For: 203.0.113.66, 203.0.113.7\nheader?key=X-Real-IP:');
  await widget.getByRole('button', { name: 'Fill in' }).click();
  await expect(widget.getByLabel('Remote address the app logs')).toHaveValue('10.244.1.1');
  await expect(widget.getByLabel('X-Forwarded-For the app receives')).toHaveValue('203.0.113.66, 203.0.113.7');
  await expect(widget.getByLabel('X-Real-IP the app receives')).toHaveValue('none');
  await expect(widget.locator('[data-paste-result]')).toHaveText('Filled in from your paste.');
  await expect(page).toHaveURL(/remoteAddr=10.244.1.1/);
});
