import { Alert, Anchor, Button, PasswordInput, Skeleton, Stack, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useSignupStatus } from '../api/get-signup-status';
import { useRegister } from '../api/register';
import { PASSWORD_MIN, signUpSchema } from '../schemas';

export function SignUpPage() {
  useDocumentTitle('Create account · Keyhold');
  const signup = useSignupStatus();

  const footer = (
    <>
      Already have an account?{' '}
      <Anchor component={Link} to="/sign-in" fw={500}>
        Sign in
      </Anchor>
    </>
  );

  if (signup.data?.open === false) {
    return (
      <AuthLayout title="Sign-up is closed" description="This Keyhold server does not take new seller accounts." footer={footer}>
        <Stack gap="md">
          <Alert variant="light" color="blue" icon={<IconLock />} title="Sign-up is closed on this server" role="status">
            Ask its administrator for an account.
          </Alert>
          <Button component={Link} to="/sign-in" fullWidth>
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Create your account" description="Start licensing your desktop software in minutes." footer={footer}>
      {/* Until the server says, a placeholder; if it cannot say, the form (the API still refuses a closed sign-up). */}
      {signup.isPending ? <Skeleton h={300} radius="md" aria-label="Loading" /> : <SignUpForm />}
    </AuthLayout>
  );
}

function SignUpForm() {
  const navigate = useNavigate();
  const registerSeller = useRegister();
  const form = useSchemaForm(signUpSchema, { name: '', email: '', password: '' });

  const submit = form.onSubmit((body) =>
    registerSeller.mutate(body, {
      onSuccess: () => void navigate('/apps', { replace: true }),
      onError: (error) => setApiErrors(form, error),
    }),
  );

  return (
    <AuthForm
      label="Create account"
      onSubmit={submit}
      status={registerSeller}
      errorTitle="Could not create the account"
      errorDetails={formError(form)}
      submitLabel="Create account"
    >
      <TextInput
        label="Name"
        description="You or your company, as your customers know you"
        autoComplete="organization"
        placeholder="Acme Software"
        {...form.getInputProps('name')}
        data-autofocus
      />
      <TextInput label="Email" type="email" autoComplete="email" placeholder="you@company.com" {...form.getInputProps('email')} />
      <PasswordInput
        label="Password"
        description={`At least ${PASSWORD_MIN} characters`}
        autoComplete="new-password"
        placeholder="Choose a password"
        {...form.getInputProps('password')}
      />
    </AuthForm>
  );
}
