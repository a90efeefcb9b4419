process.env.LP_TEST_MODE = 'services';
