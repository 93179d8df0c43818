// n8n's engine logs every node error it handles (they are the tests' subject): keep jest's output for failures
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
