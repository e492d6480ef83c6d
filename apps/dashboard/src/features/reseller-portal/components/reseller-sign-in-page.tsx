import { Anchor, Paper, PasswordInput, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { lastResellerSellerId } from '@/lib/reseller-session';
import { useResellerLogin } from '../api/portal';
import { resellerSignInSchema, SELLER_ID_PATTERN } from '../schemas';

/**
 * /reseller/sign-in: the reseller portal's own sign-in. Usernames are unique per seller only, so
 * the seller is part of the sign-in: from the portal link (`?seller=sel_...`), shown and fixed,
 * or typed in (prefilled with the one this browser last signed in to).
 */
export function ResellerSignInPage() {
  useDocumentTitle('Reseller sign-in · Keyhold');
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const login = useResellerLogin();
  const fromLink = params.get('seller')?.trim().toLowerCase() ?? '';
  const linkedSeller = SELLER_ID_PATTERN.test(fromLink) ? fromLink : null;
  const form = useSchemaForm(resellerSignInSchema, {
    sellerId: fromLink || (lastResellerSellerId() ?? ''),
    username: '',
    password: '',
  });

  const submit = form.onSubmit((body) =>
    login.mutate(linkedSeller ? { ...body, sellerId: linkedSeller } : body, {
      onSuccess: () => void navigate('/reseller', { replace: true }),
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <AuthLayout
      title="Reseller portal"
      description="Sign in with the account your vendor gave you to generate and track keys."
      footer={
        <>
          Selling your own software?{' '}
          <Anchor component={Link} to="/sign-in" fw={500}>
            Seller sign-in
          </Anchor>
        </>
      }
    >
      <AuthForm
        label="Reseller sign in"
        onSubmit={submit}
        status={login}
        errorTitle="Could not sign in"
        errorDetails={formError(form)}
        submitLabel="Sign in"
        notice={notice}
        after={
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Ask your vendor to set a new one.
          </Text>
        }
      >
        {linkedSeller ? (
          <Paper withBorder radius="md" px="sm" py="xs" data-testid="portal-seller">
            <Text size="sm">
              Signing in to{' '}
              <Text span className="kh-mono" size="sm" fw={600}>
                {linkedSeller}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              The vendor of your portal link
            </Text>
          </Paper>
        ) : (
          <TextInput
            label="Seller ID"
            description="In the portal link your vendor gave you: sel_ and 32 characters"
            placeholder="sel_…"
            autoComplete="off"
            spellCheck={false}
            classNames={{ input: 'kh-mono' }}
            {...form.getInputProps('sellerId')}
          />
        )}
        <TextInput label="Username" autoComplete="username" {...form.getInputProps('username')} data-autofocus />
        <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
      </AuthForm>
    </AuthLayout>
  );
}
