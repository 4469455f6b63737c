import { useEffect, useMemo, useState } from 'react';
import { Button, Center, Checkbox, Grid, Paper, Radio, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call, useQuery } from '../../api/client';
import { FormAlert } from '../../components/FormActions';
import { useFormErrors, useSubmit } from '../../components/formErrors';
import { ERA_LABELS, OFFICE_LEVEL_LABELS } from '../../../../shared/domain/labels';
import { OFFICE_LEVELS, type Era, type OfficeLevel } from '../../../../shared/domain/units';
import type { CatalogueUnitDto } from '../../../../shared/ipc/contract';
import { SETUP } from './texts';
import { SearchSelect } from '../../components/SearchSelect';

const toOptions = (units: readonly CatalogueUnitDto[] | undefined) =>
  (units ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));

/** The wizard's choices, the catalogue lists they draw from, and the suggested name and code. */
function useSetupChoices() {
  const [level, setLevel] = useState<OfficeLevel>('xa');
  const [era, setEra] = useState<Era>('sau_2025');
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [districtCode, setDistrictCode] = useState<string | null>(null);
  const [communeCode, setCommuneCode] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const [code, setCode] = useState('');
  const [importChildren, setImportChildren] = useState(true);

  const effectiveEra: Era = level === 'huyen' ? 'truoc_2025' : era;
  const needsDistrict = level === 'huyen' || (level === 'xa' && effectiveEra === 'truoc_2025');
  const needsCommune = level === 'xa';

  const provinces = useQuery('catalogue.provinces', { era: effectiveEra });
  const districts = useQuery('catalogue.districts', { provinceCode: provinceCode ?? '01' }, `${provinceCode}`);
  const communeParent = effectiveEra === 'truoc_2025' ? districtCode : provinceCode;
  const communes = useQuery(
    'catalogue.communes',
    { era: effectiveEra, parentCode: communeParent ?? '01' },
    `${effectiveEra}-${communeParent}`,
  );

  // A change higher up clears the choices below it.
  useEffect(() => {
    setProvinceCode(null);
  }, [effectiveEra]);
  useEffect(() => {
    setDistrictCode(null);
    setCommuneCode(null);
  }, [provinceCode]);
  useEffect(() => {
    setCommuneCode(null);
  }, [districtCode]);

  const officeUnit = useMemo(() => {
    const find = (list: readonly CatalogueUnitDto[] | undefined, c: string | null) => list?.find((u) => u.code === c) ?? null;
    if (level === 'tinh') return find(provinces.data, provinceCode);
    if (level === 'huyen') return districtCode ? find(districts.data, districtCode) : null;
    return communeParent && communeCode ? find(communes.data, communeCode) : null;
  }, [level, provinceCode, districtCode, communeCode, communeParent, provinces.data, districts.data, communes.data]);

  // Suggest the name and code from the chosen unit until the person types their own name.
  useEffect(() => {
    if (!officeUnit) return;
    if (!nameTouched) setName(SETUP.suggestedName[level](officeUnit.name));
    setCode(officeUnit.code);
  }, [officeUnit, level, nameTouched]);

  return {
    level,
    setLevel,
    setEra,
    effectiveEra,
    needsDistrict,
    needsCommune,
    provinceCode,
    setProvinceCode,
    districtCode,
    setDistrictCode,
    communeCode,
    setCommuneCode,
    communeParent,
    provinces: provinces.data,
    districts: districts.data,
    communes: communes.data,
    name,
    setName,
    setNameTouched,
    code,
    setCode,
    importChildren,
    setImportChildren,
  };
}

type SetupChoices = ReturnType<typeof useSetupChoices>;

/** Province, then district (where the level or era needs one), then commune. */
function PlacePickers({ c, fieldErrors }: { c: SetupChoices; fieldErrors: Readonly<Record<string, string>> }) {
  return (
    <>
      <SearchSelect
        label={SETUP.province}
        placeholder={SETUP.pick}
        nothingFoundMessage={SETUP.nothingFound}
        data={toOptions(c.provinces)}
        value={c.provinceCode}
        onChange={c.setProvinceCode}
        error={fieldErrors['provinceCode']}
        withAsterisk
      />
      {c.needsDistrict && (
        <SearchSelect
          label={SETUP.district}
          placeholder={SETUP.pick}
          nothingFoundMessage={SETUP.nothingFound}
          data={c.provinceCode ? toOptions(c.districts) : []}
          value={c.districtCode}
          onChange={c.setDistrictCode}
          disabled={!c.provinceCode}
          error={fieldErrors['districtCode']}
          withAsterisk
        />
      )}
      {c.needsCommune && (
        <SearchSelect
          label={c.effectiveEra === 'truoc_2025' ? SETUP.communeOld : SETUP.commune}
          placeholder={SETUP.pick}
          nothingFoundMessage={SETUP.nothingFound}
          data={c.communeParent ? toOptions(c.communes) : []}
          value={c.communeCode}
          onChange={c.setCommuneCode}
          disabled={!c.communeParent}
          error={fieldErrors['communeCode']}
          withAsterisk
        />
      )}
    </>
  );
}

export function SetupWizard({ onDone }: { today: string; onDone: () => void }) {
  const c = useSetupChoices();
  const { level, setLevel, setEra, effectiveEra, needsDistrict, needsCommune, provinceCode, districtCode, communeCode } = c;
  const { name, setName, setNameTouched, code, setCode, importChildren, setImportChildren } = c;
  const errors = useFormErrors();
  const { saving, run } = useSubmit(errors);

  async function submit() {
    const missing: Record<string, string> = {};
    if (!provinceCode) missing['provinceCode'] = SETUP.required;
    if (needsDistrict && !districtCode) missing['districtCode'] = SETUP.required;
    if (needsCommune && !communeCode) missing['communeCode'] = SETUP.required;
    if (name.trim() === '') missing['name'] = SETUP.nameRequired;
    if (code.trim() === '') missing['code'] = SETUP.codeRequired;
    errors.setLocal(missing);
    if (Object.keys(missing).length > 0 || !provinceCode) return;
    await run(async () => {
      const result = await call('office.setup', {
        level,
        era: effectiveEra,
        provinceCode,
        districtCode: needsDistrict ? districtCode : null,
        communeCode: needsCommune ? communeCode : null,
        name,
        code,
        importChildren: level !== 'xa' && importChildren,
      });
      notifications.show({ color: 'green', message: SETUP.done(result.unitsCreated) });
      onDone();
    });
  }

  return (
    <Center mih="100%" p="md">
      <Paper withBorder shadow="sm" p="lg" w={720} maw="100%">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Title order={2}>{SETUP.title}</Title>
            <Text size="sm" c="dimmed">
              {SETUP.intro}
            </Text>
            <Radio.Group label={SETUP.officeLevel} value={level} onChange={(v) => setLevel(v)}>
              <Stack gap={6} mt={6}>
                {OFFICE_LEVELS.map((l) => (
                  <Radio key={l} value={l} label={OFFICE_LEVEL_LABELS[l]} />
                ))}
              </Stack>
            </Radio.Group>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {SETUP.era}
              </Text>
              <SegmentedControl
                value={effectiveEra}
                onChange={(v) => setEra(v)}
                disabled={level === 'huyen'}
                data={[
                  { value: 'sau_2025', label: ERA_LABELS.sau_2025 },
                  { value: 'truoc_2025', label: ERA_LABELS.truoc_2025 },
                ]}
              />
              {level === 'huyen' && (
                <Text size="xs" c="dimmed">
                  {SETUP.eraHuyenNote}
                </Text>
              )}
            </Stack>
            <PlacePickers c={c} fieldErrors={errors.fields} />
            <Grid>
              <Grid.Col span={8}>
                <TextInput
                  label={SETUP.officeName}
                  description={SETUP.officeNameHint}
                  value={name}
                  onChange={(e) => {
                    setName(e.currentTarget.value);
                    setNameTouched(true);
                  }}
                  error={errors.fields['name']}
                  withAsterisk
                />
              </Grid.Col>
              <Grid.Col span={4}>
                <TextInput
                  label={SETUP.officeCode}
                  description={SETUP.officeCodeHint}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  error={errors.fields['code']}
                  withAsterisk
                />
              </Grid.Col>
            </Grid>
            {level === 'xa' ? (
              <Text size="sm" c="dimmed">
                {SETUP.communeNote}
              </Text>
            ) : (
              <Checkbox
                label={SETUP.importChildren}
                description={SETUP.importChildrenHint[level]}
                checked={importChildren}
                onChange={(e) => setImportChildren(e.currentTarget.checked)}
              />
            )}
            <FormAlert message={errors.message} />
            <Button type="submit" loading={saving} size="md">
              {SETUP.submit}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
