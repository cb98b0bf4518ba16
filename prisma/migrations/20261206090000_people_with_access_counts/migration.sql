-- CreateIndex
CREATE INDEX "Person_active_idx" ON "Person"("status") WHERE (status = 'active');

-- CreateIndex
CREATE INDEX "Person_deactivated_idx" ON "Person"("id") WHERE (status <> 'active');
