import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { AuthForm } from '@/components/auth-form';
import { AuthLayout } from '@/components/auth-layout';
import { formError, setApiErrors, useSchemaForm } from '@/lib/form';
import { useRegister } from '../api/register';
import { PASSWORD_MIN, signUpSchema } from '../schemas';

export function SignUpPage() {
  useDocumentTitle('Create account · Keyhold');
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
    <AuthLayout
      title="Create your account"
      description="Start licensing your desktop software in minutes."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in" fw={500}>
            Sign in
          </Anchor>
        </>
      }
    >
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
    </AuthLayout>
  );
}
